package se.kvalitet.events.followup;

import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * An open quality initiative (kvalitetsinsats) passed its deadline.
 *
 * @param initiativeId  the initiative (aggregate id)
 * @param orgUnitId     the org unit that owns it
 * @param origin        where it came from, as in {@link InitiativeCompletedV1}
 * @param deadline      the deadline that passed
 */
@EventType(value = InitiativeOverdueV1.TYPE, topic = Topics.FOLLOWUP)
public record InitiativeOverdueV1(UUID initiativeId, UUID orgUnitId, String origin, LocalDate deadline)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.initiative.overdue.v1";

    @Override
    public String aggregateId() {
        return initiativeId.toString();
    }
}
