package se.kvalitet.events.followup;

import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A control of an adopted internal control plan (internkontrollplan) passed its due date without having been
 * carried out. Published once per control and due date.
 *
 * @param planId     the internal control plan (aggregate id)
 * @param itemId     the control that is overdue
 * @param orgUnitId  the org unit the plan belongs to (a board or administration)
 * @param year       the plan's year
 * @param dueOn      the due date that passed
 */
@EventType(value = InternalControlOverdueV1.TYPE, topic = Topics.FOLLOWUP)
public record InternalControlOverdueV1(UUID planId, UUID itemId, UUID orgUnitId, int year, LocalDate dueOn)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.internal-control.overdue.v1";

    @Override
    public String aggregateId() {
        return planId.toString();
    }
}
