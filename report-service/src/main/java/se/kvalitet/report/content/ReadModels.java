package se.kvalitet.report.content;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.events.followup.TargetComparison;

/**
 * The read models of one organisation (its subtree) and year, as typed records: what the chapters
 * are built from. Production reads them with SQL ({@code content.query.ReadModelQueries}, each
 * part once per generation); tests hand them over in memory. A chapter that needs a new kind of
 * data adds one method here and its query.
 */
public interface ReadModels {

    /** The organisation, the year, the deviation statistics (this year and last) and the leaf units. */
    ReportData basis();

    /** Root causes of the reports investigated in the year (distinct reports per cause). */
    Map<String, Long> rootCauses();

    /** Per authority track (lex Sarah, lex Maria, breach): reports per assessment ({@code NOT_ASSESSED} without). */
    Map<String, Map<String, Long>> assessments();

    /** Actions (åtgärder) due in the year. */
    Actions actions();

    /** Deadlines (clocks) overdue, per kind, falling due in the year. */
    Map<String, Long> overdueDeadlines();

    Documents documents();

    List<CoverageRow> coverage();

    Risks risks();

    Egenkontroll egenkontroll();

    List<Indicator> indicators();

    Initiatives initiatives();

    /** Actions (åtgärder) due in the year. */
    record Actions(long due, long done, long doneOnTime, long effectChecked, long effective) {
        public static final Actions NONE = new Actions(0, 0, 0, 0, 0);
    }

    /** Steering documents in force for the organisation (applying to it or a unit in or above it). */
    record Documents(
            Map<String, Long> inForceByType,
            Map<String, Long> processesByCategory,
            long approvedInYear,
            long reviewOverdue,
            long cooperationInForce,
            long cooperationReviewOverdue,
            long withdrawnInYear) {

        public static final Documents NONE = new Documents(Map.of(), Map.of(), 0, 0, 0, 0, 0);

        public long inForce() {
            return inForceByType.values().stream().mapToLong(Long::longValue).sum();
        }

        public long inForce(String type) {
            return inForceByType.getOrDefault(type, 0L);
        }
    }

    /** Requirement coverage of one operating unit, with its gaps as "SOSFS 2011:9 4 kap. 4 §". */
    record CoverageRow(UUID unitId, String unitName, int applicable, int covered, List<String> gaps) {}

    record Risks(
            long assessmentsInYear,
            long risksAssessed,
            Map<String, Long> byClass,
            long unitsCovered,
            long openHighRisks) {
        public static final Risks NONE = new Risks(0, 0, Map.of(), 0, 0);
    }

    /** Egenkontroll occurrences due or carried out in the year. */
    record Egenkontroll(
            long planned,
            long executed,
            long executedLate,
            long notExecuted,
            Map<String, Long> byResult,
            long deviationsFound) {
        public static final Egenkontroll NONE = new Egenkontroll(0, 0, 0, 0, Map.of(), 0);
    }

    /**
     * An indicator's yearly values for the organisation (gender total) and whether it missed its
     * målvärde in the report year; with followup-service's snapshot its code, name, criterion, unit
     * of measure and målvärde; with its evaluations the organisation's outcome ({@code MET},
     * {@code NOT_MET}, {@code NO_DATA}, {@code NO_TARGET}; null without one) and each unit's
     * outcome in the year; and, where the data has them, the values and outcome for women (K) and
     * men (M).
     */
    record Indicator(
            UUID indicatorId,
            Map<Integer, BigDecimal> values,
            boolean targetMissed,
            long unitsMissing,
            String code,
            String name,
            String criterion,
            String unitOfMeasure,
            Target target,
            String outcome,
            List<UnitOutcome> units,
            List<GenderValues> genders) {

        /** An indicator known only from measurements and missed targets (no snapshot, no evaluation). */
        public Indicator(UUID indicatorId, Map<Integer, BigDecimal> values, boolean targetMissed, long unitsMissing) {
            this(
                    indicatorId,
                    values,
                    targetMissed,
                    unitsMissing,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    List.of());
        }
    }

    /** An indicator's values for one gender (K or M) at the organisation, and its outcome in the report year. */
    record GenderValues(String gender, Map<Integer, BigDecimal> values, String outcome) {}

    /** A målvärde: how it is compared, its value (lower bound for BETWEEN) and upper bound. */
    record Target(TargetComparison comparator, BigDecimal value, BigDecimal upper) {}

    /** One unit's evaluated outcome for a period of the year (gender total), as followup-service evaluated it. */
    record UnitOutcome(
            UUID orgUnitId, String unit, int depth, String period, BigDecimal value, Target target, String outcome) {}

    record Initiatives(long done, long notDone, long overdue) {
        public static final Initiatives NONE = new Initiatives(0, 0, 0);
    }
}
