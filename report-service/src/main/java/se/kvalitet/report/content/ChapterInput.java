package se.kvalitet.report.content;

import java.math.BigDecimal;
import java.util.List;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.statistics.Share;

/**
 * What a chapter is built from: its number (its place in the outline), the read models, the
 * verdict thresholds and, for a chapter that sums up the others, those chapters as built (with the
 * quality team's overrides applied).
 */
public record ChapterInput(String number, ReadModels data, VerdictPolicy policy, List<Chapter> parts) {

    public ReportData basis() {
        return data.basis();
    }

    public int year() {
        return data.basis().year();
    }

    /** Whether a share reaches a threshold (a share without denominator never does). */
    public static boolean atLeast(Share share, BigDecimal threshold) {
        return share.percent() != null && share.percent().compareTo(threshold) >= 0;
    }

    /** A threshold as the rule texts print it: "80", "92,5". */
    public static String plain(BigDecimal v) {
        return se.kvalitet.report.statistics.SwedishNumbers.format(v.stripTrailingZeros());
    }
}
