package se.kvalitet.deviation.triage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.deviation.DeviationCategory;

@Schema(name = "TriageDecision", description = "One triage or reclassification")
public record TriageDecisionResponse(
        UUID id,
        List<DeviationCategory> categories,
        List<DeviationCategory> previousCategories,
        String reason,

        @Schema(description = "Token subject of the decision maker")
        String decidedBy,

        Instant decidedAt) {

    public static TriageDecisionResponse of(TriageDecision t) {
        return new TriageDecisionResponse(
                t.id,
                TriageDecision.split(t.categories),
                TriageDecision.split(t.previousCategories),
                t.reason,
                t.decidedBy,
                t.decidedAt);
    }
}
