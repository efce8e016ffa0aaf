package se.kvalitet.events.deviation;

import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.PersonRef;
import se.kvalitet.events.Topics;

/**
 * An investigator was assigned to a track (or the track was reassigned to someone else). The investigator is
 * named only by a keyed pseudonym ({@link PersonRef}): events carry no names, usernames or addresses, and whoever
 * holds the suite's person-reference key (report-service's notifications) can recognise a person it already knows,
 * nobody else can tell who it is.
 *
 * @param deviationId      the report (aggregate id)
 * @param trackId          the track
 * @param trackType        which kind of track
 * @param orgUnitId        the org unit where it happened
 * @param investigatorRef  the assigned investigator's {@link PersonRef} ({@code hmac-sha256:} and 64 hex digits)
 * @param dueAt            when the track's investigation clock runs out, if one is running
 * @param assignedAt       when it was assigned
 */
@EventType(value = DeviationInvestigatorAssignedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationInvestigatorAssignedV1(
        UUID deviationId,
        UUID trackId,
        DeviationCategory trackType,
        UUID orgUnitId,
        String investigatorRef,
        Instant dueAt,
        Instant assignedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.investigator.assigned.v1";

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
