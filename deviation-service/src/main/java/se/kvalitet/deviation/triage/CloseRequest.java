package se.kvalitet.deviation.triage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CloseDeviationRequest", description = "Closing a report")
public record CloseRequest(
        @Schema(
                description = "The closing summary written for the reporter: what was found and done",
                maxLength = 4000,
                example = "Tack för din rapport. Rutinen för läkemedelsöverlämning har förtydligats.")
        @NotBlank
        @Size(max = 4000)
        String feedbackToReporter) {}
