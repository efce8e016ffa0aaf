package se.kvalitet.deviation.triage;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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
        String reason,

        @Schema(
                description = "When it was decided (default now): the tracks open and their clocks run from then."
                        + " Not in the future (5 minutes of clock skew allowed), not before the deviation occurred,"
                        + " a reclassification not before the triage it changes",
                example = "2026-11-20T09:00:00Z")
        Instant decidedAt) {}
