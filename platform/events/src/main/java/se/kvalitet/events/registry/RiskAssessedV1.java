package se.kvalitet.events.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A risk of a risk analysis (SOSFS 2011:9 5 kap. 1 §) was assessed or re-assessed: a complete
 * snapshot of the risk after assessment number {@code assessment}. The risk's description, causes
 * and participants are free text or personal data and stay in the registry.
 *
 * @param riskAnalysisId      the risk analysis (aggregate id: one analysis's events stay ordered)
 * @param riskId              the risk (followup-service links egenkontroll plans to it)
 * @param assessment          the assessment's number for this risk, from 1 (re-assessments count up)
 * @param subjectKind         what the analysis is about: a process, an activity, a planned change
 * @param processId           the process analysed (also for an activity); null for a planned change
 * @param activityId          the activity analysed; else null
 * @param orgUnitId           the unit the analysis was made for (its subtree is what it covers)
 * @param likelihood          1 (unlikely) to 4 (very likely)
 * @param consequence         1 (minor) to 4 (catastrophic)
 * @param score               likelihood × consequence, 1 to 16
 * @param matrixClass         the class of the score under the thresholds configured when it was assessed
 * @param previousMatrixClass the class before this re-assessment; null for the first
 * @param status              where the risk stands
 * @param measures            its measures as they stand
 * @param assessedOn          the day of the assessment
 * @param assessedAt          when it was recorded
 */
@EventType(value = RiskAssessedV1.TYPE, topic = Topics.REGISTRY)
public record RiskAssessedV1(
        UUID riskAnalysisId,
        UUID riskId,
        int assessment,
        RiskSubjectKind subjectKind,
        UUID processId,
        UUID activityId,
        UUID orgUnitId,
        int likelihood,
        int consequence,
        int score,
        RiskMatrixClass matrixClass,
        RiskMatrixClass previousMatrixClass,
        RiskStatus status,
        List<MeasureRef> measures,
        LocalDate assessedOn,
        Instant assessedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.registry.risk.assessed.v1";

    public RiskAssessedV1 {
        measures = measures == null ? List.of() : List.copyOf(measures);
    }

    @Override
    public String aggregateId() {
        return riskAnalysisId.toString();
    }
}
