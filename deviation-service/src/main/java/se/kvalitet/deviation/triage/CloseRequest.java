package se.kvalitet.deviation.triage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CloseDeviationRequest", description = "Closing a report")
public record CloseRequest(
        @Schema(
                description = "The closing summary written for the reporter: what was found and done",
                maxLength = 4000,
                example = "Tack för din rapport. Rutinen för läkemedelsöverlämning har förtydligats.")
        @NotBlank
        @Size(max = 4000)
        String feedbackToReporter,

        @Schema(
                description = "When it was closed (default now). Not in the future (5 minutes of clock skew allowed),"
                        + " not before the deviation occurred, not before its last track ended",
                example = "2026-11-28T15:00:00Z")
        Instant closedAt) {}
