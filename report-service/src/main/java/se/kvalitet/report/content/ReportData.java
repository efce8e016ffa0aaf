package se.kvalitet.report.content;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.report.statistics.DeviationStatistics;

/**
 * Everything a yearly report is built from, read from the read models for one organisation and
 * year (by {@code ReportDataService}); the builders turn it into {@link ReportContent} without I/O.
 */
public record ReportData(
        UUID orgUnitId,
        String orgUnitName,
        int year,
        LocalDate from,
        LocalDate to,
        DeviationStatistics statistics,
        DeviationStatistics previousYear,
        List<Unit> leafUnits,
        Map<String, Long> rootCauses,
        Map<String, Map<String, Long>> assessments,
        Actions actions,
        Map<String, Long> overdueDeadlines,
        Documents documents,
        List<CoverageRow> coverage,
        Risks risks,
        Egenkontroll egenkontroll,
        List<Indicator> indicators,
        Initiatives initiatives) {

    /** A unit without units under it (an enhet), with its reports in the year. */
    public record Unit(UUID id, String name, long reports) {
    }

    /** Actions (åtgärder) due in the year. */
    public record Actions(long due, long done, long doneOnTime, long effectChecked, long effective) {
    }

    /** Steering documents in force for the organisation (applying to it or a unit in or above it). */
    public record Documents(Map<String, Long> inForceByType, Map<String, Long> processesByCategory, long approvedInYear,
            long reviewOverdue, long cooperationInForce, long cooperationReviewOverdue, long withdrawnInYear) {
        public long inForce() {
            return inForceByType.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Requirement coverage of one operating unit, with its gaps as "SOSFS 2011:9 4 kap. 4 §". */
    public record CoverageRow(UUID unitId, String unitName, int applicable, int covered, List<String> gaps) {
    }

    public record Risks(long assessmentsInYear, long risksAssessed, Map<String, Long> byClass, long unitsCovered,
            long openHighRisks) {
    }

    /** Egenkontroll occurrences due or carried out in the year. */
    public record Egenkontroll(long planned, long executed, long executedLate, long notExecuted, Map<String, Long> byResult,
            long deviationsFound) {
    }

    /**
     * An indicator's yearly values (for the organisation) and whether it missed its målvärde in the
     * report year; with followup-service's snapshot its code, name, criterion and målvärde, and with
     * its evaluations the organisation's outcome ({@code MET}, {@code NOT_MET}, {@code NO_DATA},
     * {@code NO_TARGET}; null without one) and each unit's outcome in the year.
     */
    public record Indicator(UUID indicatorId, Map<Integer, BigDecimal> values, Map<Integer, String> missing,
            boolean targetMissed, long unitsMissing, String code, String name, String criterion, String unitOfMeasure,
            Target target, String outcome, List<UnitOutcome> units) {

        /** An indicator known only from measurements and missed targets (no snapshot, no evaluation). */
        public Indicator(UUID indicatorId, Map<Integer, BigDecimal> values, Map<Integer, String> missing, boolean targetMissed,
                long unitsMissing) {
            this(indicatorId, values, missing, targetMissed, unitsMissing, null, null, null, null, null, null, List.of());
        }
    }

    /** A målvärde: comparator ({@code AT_LEAST}, ...), value (lower bound for BETWEEN) and upper bound. */
    public record Target(String comparator, BigDecimal value, BigDecimal upper) {
    }

    /** One unit's evaluated outcome for a period of the year (gender total), as followup-service evaluated it. */
    public record UnitOutcome(UUID orgUnitId, String unit, int depth, String period, BigDecimal value, Target target,
            String outcome) {
    }

    public record Initiatives(long done, long notDone, long overdue) {
    }
}
