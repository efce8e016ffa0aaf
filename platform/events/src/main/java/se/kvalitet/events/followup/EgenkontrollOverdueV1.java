package se.kvalitet.events.followup;

import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A scheduled egenkontroll occurrence passed its due date without being carried out.
 *
 * @param planId        the egenkontroll plan (aggregate id)
 * @param occurrenceId  the overdue occurrence
 * @param orgUnitId     the org unit responsible
 * @param dueOn         the due date that passed
 */
@EventType(value = EgenkontrollOverdueV1.TYPE, topic = Topics.FOLLOWUP)
public record EgenkontrollOverdueV1(UUID planId, UUID occurrenceId, UUID orgUnitId, LocalDate dueOn)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.egenkontroll.overdue.v1";

    @Override
    public String aggregateId() {
        return planId.toString();
    }
}
