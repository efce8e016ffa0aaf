package se.kvalitet.events.deviation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A track ended: completed (investigated and closed with its position), or withdrawn because a
 * reclassification removed its category. Carries the track's outcome as categories and flags so
 * that yearly statistics need no other event; fields that do not apply to the track type are null.
 *
 * @param deviationId        the report (aggregate id)
 * @param trackId            the track
 * @param trackType          which kind of track
 * @param closure            {@code COMPLETED} or {@code RECLASSIFIED}
 * @param orgUnitId          the org unit where it happened
 * @param involvedOrgUnitIds other org units involved
 * @param openedAt           when the track was opened
 * @param closedAt           when it closed
 * @param closedOn           the Swedish date it closed
 * @param assessment         the concluding assessment (lex Sarah, lex Maria, data breach), else null
 * @param serious            lex Sarah: allvarligt missförhållande; lex Maria: allvarlig vårdskada or risk of it;
 *                           data breach: high risk; null for other tracks
 * @param authorityNotified  lex Sarah / lex Maria: notified to IVO; data breach: notified to IMY; else null
 * @param notifiedOnTime     whether the initial notification met its deadline; null when not notified or not applicable
 * @param complaintKind      complaint track: complaint, suggestion or praise; else null
 * @param complaintSource    complaint track: who it came from (SOSFS 2011:9 5 kap 3 §); else null
 * @param complaintChannel   complaint track: how it arrived; else null
 * @param deviationOccurred  complaint track: whether handling found that a deviation occurred; else null
 */
@EventType(value = DeviationTrackClosedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationTrackClosedV1(
        UUID deviationId,
        UUID trackId,
        DeviationCategory trackType,
        Closure closure,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        Instant openedAt,
        Instant closedAt,
        LocalDate closedOn,
        Assessment assessment,
        Boolean serious,
        Boolean authorityNotified,
        Boolean notifiedOnTime,
        ComplaintKind complaintKind,
        ComplaintSource complaintSource,
        ComplaintChannel complaintChannel,
        Boolean deviationOccurred)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.track.closed.v1";

    /** Why a track ended. */
    public enum Closure {
        /** Handled to the end: investigated, positioned, answered. */
        COMPLETED,
        /** A reclassification took its category away; its history is kept. */
        RECLASSIFIED
    }

    public DeviationTrackClosedV1 {
        involvedOrgUnitIds = involvedOrgUnitIds == null ? List.of() : List.copyOf(involvedOrgUnitIds);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
