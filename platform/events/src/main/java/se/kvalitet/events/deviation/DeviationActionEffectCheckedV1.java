package se.kvalitet.events.deviation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * The effect of a done action (åtgärd) was checked: did it work? (The board's question in seed 003.)
 * The comment stays in deviation-service.
 *
 * @param deviationId        the report (aggregate id)
 * @param actionId           the action
 * @param trackType          the type of the track it belongs to, or null
 * @param orgUnitId          the org unit responsible for the action
 * @param deviationOrgUnitId the org unit where the deviation happened
 * @param categories         the report's categories
 * @param dueDate            when the action was due
 * @param doneDate           when it was done
 * @param checkedOn          the date of the effect check
 * @param effective          whether it had the intended effect
 * @param checkedAt          when the check was recorded
 */
@EventType(value = DeviationActionEffectCheckedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationActionEffectCheckedV1(
        UUID deviationId,
        UUID actionId,
        DeviationCategory trackType,
        UUID orgUnitId,
        UUID deviationOrgUnitId,
        List<DeviationCategory> categories,
        LocalDate dueDate,
        LocalDate doneDate,
        LocalDate checkedOn,
        boolean effective,
        Instant checkedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.action.effect-checked.v1";

    public DeviationActionEffectCheckedV1 {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
