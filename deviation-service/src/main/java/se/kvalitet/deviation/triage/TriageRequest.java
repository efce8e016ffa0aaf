package se.kvalitet.deviation.triage;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.deviation.DeviationCategory;

@Schema(name = "TriageRequest", description = "The categories a report runs as, decided by the quality team")
public record TriageRequest(
        @Schema(
                description = "One or more categories; NOT_A_DEVIATION stands alone",
                example = "[\"LEX_SARAH\", \"OTHER_DEVIATION\"]")
        @NotEmpty
        @Size(max = 6)
        List<@NotNull DeviationCategory> categories,

        @Schema(description = "Why: required for NOT_A_DEVIATION and for a reclassification", maxLength = 4000)
        @Size(max = 4000)
        String reason) {}
