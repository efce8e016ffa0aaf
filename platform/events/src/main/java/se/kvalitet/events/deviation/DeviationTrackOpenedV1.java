package se.kvalitet.events.deviation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A track (lex Sarah, lex Maria, personal data breach, complaint, other deviation, not a
 * deviation) started on a report after triage. Keyed by the deviation so its events stay ordered.
 *
 * @param deviationId        the report (aggregate id)
 * @param trackId            the track
 * @param trackType          which kind of track
 * @param orgUnitId          the org unit where it happened
 * @param involvedOrgUnitIds other org units involved
 * @param openedAt           when triage opened it
 */
@EventType(value = DeviationTrackOpenedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationTrackOpenedV1(
        UUID deviationId,
        UUID trackId,
        DeviationCategory trackType,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        Instant openedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.track.opened.v1";

    public DeviationTrackOpenedV1 {
        involvedOrgUnitIds = involvedOrgUnitIds == null ? List.of() : List.copyOf(involvedOrgUnitIds);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
