package se.kvalitet.events.deviation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * An action (åtgärd) was done. "Share of actions done by due date" counts {@code onTime}.
 *
 * @param deviationId        the report (aggregate id)
 * @param actionId           the action
 * @param trackType          the type of the track it belongs to, or null
 * @param orgUnitId          the org unit responsible for the action
 * @param deviationOrgUnitId the org unit where the deviation happened
 * @param categories         the report's categories
 * @param dueDate            when it was due
 * @param doneDate           when it was done
 * @param onTime             {@code doneDate <= dueDate}
 * @param daysLate           calendar days after the due date (0 when on time)
 * @param doneAt             when it was recorded as done
 */
@EventType(value = DeviationActionDoneV1.TYPE, topic = Topics.DEVIATION)
public record DeviationActionDoneV1(
        UUID deviationId,
        UUID actionId,
        DeviationCategory trackType,
        UUID orgUnitId,
        UUID deviationOrgUnitId,
        List<DeviationCategory> categories,
        LocalDate dueDate,
        LocalDate doneDate,
        boolean onTime,
        int daysLate,
        Instant doneAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.action.done.v1";

    public DeviationActionDoneV1 {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
