package se.kvalitet.events.deviation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A track's investigation (utredning) was completed with its assessment: for lex Sarah the
 * ställningstagande, for lex Maria the care-injury assessment, for a data breach the risk
 * assessment, for other deviations the analysis with its causes.
 *
 * @param deviationId        the report (aggregate id)
 * @param trackId            the track investigated
 * @param trackType          which kind of track
 * @param orgUnitId          the org unit where it happened
 * @param involvedOrgUnitIds other org units involved
 * @param assessment         the assessment (null for other deviations and complaints)
 * @param serious            lex Sarah: allvarligt missförhållande; lex Maria: allvarlig vårdskada or risk of it;
 *                           data breach: high risk; false otherwise
 * @param reportable         whether the assessment requires a notification to IVO or IMY
 * @param rootCauses         root causes found (taxonomy), unique
 * @param routineIds         routines in the process registry the causes point at, unique
 * @param actionCount        actions (åtgärder) recorded on the track so far
 * @param completedAt        when it was completed
 * @param completedOn        the Swedish date it was completed
 */
@EventType(value = DeviationInvestigationCompletedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationInvestigationCompletedV1(
        UUID deviationId,
        UUID trackId,
        DeviationCategory trackType,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        Assessment assessment,
        boolean serious,
        boolean reportable,
        List<RootCause> rootCauses,
        List<UUID> routineIds,
        int actionCount,
        Instant completedAt,
        LocalDate completedOn)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.investigation.completed.v1";

    public DeviationInvestigationCompletedV1 {
        involvedOrgUnitIds = involvedOrgUnitIds == null ? List.of() : List.copyOf(involvedOrgUnitIds);
        rootCauses = rootCauses == null ? List.of() : List.copyOf(rootCauses);
        routineIds = routineIds == null ? List.of() : List.copyOf(routineIds);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
