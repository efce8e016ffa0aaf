package se.kvalitet.followup.indicator;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.followup.domain.Numbers;

/** A målvärde as the indicator and evaluation read models show it. */
@Schema(name = "Target", description = "A målvärde")
public record TargetView(String validFromPeriod, TargetComparison comparator, BigDecimal value, BigDecimal upper) {

    public static TargetView of(IndicatorTarget t) {
        return new TargetView(
                t.validFromPeriod, t.comparator, Numbers.plain(t.targetValue), Numbers.plain(t.targetUpper));
    }
}
