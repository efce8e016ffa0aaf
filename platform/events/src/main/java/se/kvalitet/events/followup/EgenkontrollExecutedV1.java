package se.kvalitet.events.followup;

import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A scheduled egenkontroll (self-inspection, SOSFS 2011:9 5 kap 2 §) was carried out.
 *
 * @param planId           the egenkontroll plan (aggregate id)
 * @param occurrenceId     the scheduled occurrence that was executed
 * @param orgUnitId        the org unit inspected
 * @param executedOn       the date it was carried out
 * @param result           {@code APPROVED}, {@code PARTLY_APPROVED} or {@code NOT_APPROVED}
 * @param sampleSize       number of items checked
 * @param deviationsFound  number of deviations found
 * @param actionCount      number of follow-up actions decided
 */
@EventType(value = EgenkontrollExecutedV1.TYPE, topic = Topics.FOLLOWUP)
public record EgenkontrollExecutedV1(
        UUID planId,
        UUID occurrenceId,
        UUID orgUnitId,
        LocalDate executedOn,
        String result,
        Integer sampleSize,
        int deviationsFound,
        int actionCount)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.egenkontroll.executed.v1";

    @Override
    public String aggregateId() {
        return planId.toString();
    }
}
