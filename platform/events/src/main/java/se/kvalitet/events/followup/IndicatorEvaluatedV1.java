package se.kvalitet.events.followup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * The evaluation of an indicator against its målvärde for one org unit, period and gender changed:
 * published by followup-service whenever the status (met / not met / no data / no target), the
 * value as shown, the target, the parts behind it or the trend of a cell changes: after a
 * measurement, a correction, a changed målvärde, a reorganisation that changes a roll-up, or new
 * deviation facts behind a derived indicator. A unit without its own measurement is evaluated from
 * the units below it (rolled up from numerators/denominators and answer counts, never an average of
 * percentages). The rules live in followup-service: consumers keep, per cell, the event with the
 * highest {@code sequence} and never compare values themselves.
 *
 * @param indicatorId       the indicator (aggregate id)
 * @param orgUnitId         the org unit evaluated
 * @param period            the period, e.g. {@code 2025}, {@code 2025-T2}
 * @param gender            {@code T}, {@code K} or {@code M}
 * @param sequence          1 for the first evaluation of this cell, higher for every later one
 * @param status            {@code MET}, {@code NOT_MET}, {@code NO_DATA} or {@code NO_TARGET}
 * @param basis             {@code MEASURED} (the unit's own value), {@code ROLLED_UP} (from the units below),
 *                          {@code DERIVED} (from deviation events) or {@code NONE}
 * @param value             the value as shown and compared (rounded to the indicator's decimals); null without data
 * @param missingReason     why there is no value ({@code TOO_FEW_RESPONSES}, {@code NOT_COLLECTED}, ...), else null
 * @param numerator         a share's summed numerator, may be null
 * @param denominator       a share's summed denominator, may be null
 * @param responses         answers or cases behind the value, may be null
 * @param contributingUnits how many units' own measurements the value combines
 * @param excludedUnits     units left out of a roll-up (values without the parts to weigh them)
 * @param comparator        the målvärde's {@link TargetComparison} for the period, null without a målvärde
 * @param targetValue       the målvärde (the lower bound for {@code BETWEEN}), may be null
 * @param targetUpper       the upper bound for {@code BETWEEN}, else null
 * @param targetValidFrom   the period the målvärde is valid from, may be null
 * @param distance          value minus the nearest acceptable value (0 when met), null without value or target
 * @param previousPeriod    the period before, which the trend compares with
 * @param previousValue     the value as shown in the period before, may be null
 * @param trend             {@code IMPROVED}, {@code UNCHANGED}, {@code WORSENED} or {@code UNKNOWN}, in the målvärde's direction
 * @param change            value minus previous value, may be null
 * @param evaluatedAt       when it was evaluated
 */
@EventType(value = IndicatorEvaluatedV1.TYPE, topic = Topics.FOLLOWUP)
public record IndicatorEvaluatedV1(
        UUID indicatorId,
        UUID orgUnitId,
        String period,
        String gender,
        long sequence,
        String status,
        String basis,
        BigDecimal value,
        String missingReason,
        BigDecimal numerator,
        BigDecimal denominator,
        Long responses,
        int contributingUnits,
        int excludedUnits,
        TargetComparison comparator,
        BigDecimal targetValue,
        BigDecimal targetUpper,
        String targetValidFrom,
        BigDecimal distance,
        String previousPeriod,
        BigDecimal previousValue,
        String trend,
        BigDecimal change,
        Instant evaluatedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.indicator.evaluated.v1";

    @Override
    public String aggregateId() {
        return indicatorId.toString();
    }
}
