package se.kvalitet.events.followup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A recorded measurement does not meet the indicator's målvärde (target) valid for its period.
 *
 * @param indicatorId  the indicator (aggregate id)
 * @param orgUnitId    the org unit measured
 * @param period       the period, e.g. {@code 2025}
 * @param gender       {@code T}, {@code K} or {@code M}
 * @param value        the measured value
 * @param comparator   how the value is compared with the target ({@link TargetComparison}; on the wire its name)
 * @param targetValue  the target (the lower bound for {@code BETWEEN})
 * @param targetUpper  the upper bound for {@code BETWEEN}, else null
 * @param distance     value minus the nearest acceptable value (negative below, positive above)
 * @param evaluatedAt  when it was evaluated
 */
@EventType(value = TargetMissedV1.TYPE, topic = Topics.FOLLOWUP)
public record TargetMissedV1(
        UUID indicatorId,
        UUID orgUnitId,
        String period,
        String gender,
        BigDecimal value,
        TargetComparison comparator,
        BigDecimal targetValue,
        BigDecimal targetUpper,
        BigDecimal distance,
        Instant evaluatedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.target.missed.v1";

    @Override
    public String aggregateId() {
        return indicatorId.toString();
    }
}
