package se.kvalitet.report.content;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/**
 * The thresholds of the verdict rules (shares as percentages). Configurable, since what "enough"
 * means is the organisation's decision, not the regulation's.
 */
@ConfigMapping(prefix = "kvalitet.report.verdicts")
public interface VerdictPolicy {

    /** Egenkontroll: executed of planned for "uppfyller". */
    @WithDefault("90")
    BigDecimal egenkontrollMeets();

    /** Egenkontroll: executed of planned for "uppfyller delvis". */
    @WithDefault("50")
    BigDecimal egenkontrollPartly();

    /** Deviations: actions due in the year done by their due date for "uppfyller". */
    @WithDefault("80")
    BigDecimal actionsOnTimeMeets();

    /** Risk analyses and staff participation: units covered for "uppfyller". */
    @WithDefault("80")
    BigDecimal unitsCoveredMeets();

    /** Staff participation: units with reports for "uppfyller delvis". */
    @WithDefault("50")
    BigDecimal unitsCoveredPartly();

    /** Plain-Java defaults (unit tests). */
    static VerdictPolicy defaults() {
        return new VerdictPolicy() {
            public BigDecimal egenkontrollMeets() {
                return BigDecimal.valueOf(90);
            }

            public BigDecimal egenkontrollPartly() {
                return BigDecimal.valueOf(50);
            }

            public BigDecimal actionsOnTimeMeets() {
                return BigDecimal.valueOf(80);
            }

            public BigDecimal unitsCoveredMeets() {
                return BigDecimal.valueOf(80);
            }

            public BigDecimal unitsCoveredPartly() {
                return BigDecimal.valueOf(50);
            }
        };
    }
}
