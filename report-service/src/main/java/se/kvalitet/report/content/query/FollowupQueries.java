package se.kvalitet.report.content.query;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.kvalitet.report.content.ReadModels;

/** The follow-up read models: egenkontroll occurrences and quality initiatives (indicators: {@link IndicatorQueries}). */
final class FollowupQueries {

    private final Scope s;

    FollowupQueries(Scope s) {
        this.s = s;
    }

    private record Occurrence(boolean executed, boolean late, String result, long deviationsFound) {}

    ReadModels.Egenkontroll egenkontroll() {
        List<Occurrence> rows = s.statistics()
                .placedRows(
                        s.history(),
                        s.root(),
                        """
                SELECT org_unit_id AS place_unit, coalesce(executed_on, due_on) AS place_day, executed_on, overdue, result,
                       deviations_found
                FROM followup_egenkontroll WHERE coalesce(executed_on, due_on) BETWEEN ? AND ?""",
                        r -> new Occurrence(
                                r.get("executed_on") != null,
                                r.isTrue("overdue"),
                                r.string("result"),
                                r.get("deviations_found") == null ? 0 : r.longValue("deviations_found")),
                        s.from(),
                        s.to());
        if (s.pastYear()) {
            rows = new java.util.ArrayList<>(rows);
            rows.addAll(notExecutedAtYearEnd());
        }
        Map<String, Long> byResult = new TreeMap<>();
        long executed = 0;
        long late = 0;
        long found = 0;
        for (Occurrence o : rows) {
            if (!o.executed()) {
                continue;
            }
            executed++;
            late += o.late() ? 1 : 0;
            if (o.result() != null) {
                byResult.merge(o.result(), 1L, Long::sum);
            }
            found += o.deviationsFound();
        }
        return new ReadModels.Egenkontroll(rows.size(), executed, late, rows.size() - executed, byResult, found);
    }

    /**
     * Issue 16 item 3: the occurrences due in a past year and carried out only after its 31 December, which were not
     * carried out on that day: they count as planned and not executed in that year's report (and as executed, late,
     * in the report of the year they were carried out, by their execution day). Their due day is known from
     * followup-service's overdue notice; an occurrence carried out on time has no other due day in the events and
     * does not need one.
     */
    private List<Occurrence> notExecutedAtYearEnd() {
        return s.statistics()
                .placedRows(
                        s.history(),
                        s.root(),
                        """
                SELECT org_unit_id AS place_unit, due_on AS place_day FROM followup_egenkontroll
                WHERE due_on BETWEEN ? AND ? AND executed_on > ?""",
                        r -> new Occurrence(false, true, null, 0),
                        s.from(),
                        s.to(),
                        s.asOf());
    }

    private record Initiative(String outcome, boolean overdue) {}

    ReadModels.Initiatives initiatives() {
        List<Initiative> rows = s.statistics()
                .placedRows(
                        s.history(),
                        s.root(),
                        """
                SELECT org_unit_id AS place_unit, coalesce(closed_on, deadline) AS place_day, outcome, overdue
                FROM followup_initiative WHERE coalesce(closed_on, deadline) BETWEEN ? AND ?""",
                        r -> new Initiative(r.string("outcome"), r.isTrue("overdue")),
                        s.from(),
                        s.to());
        long overdue = s.pastYear()
                ? overdueAtYearEnd()
                : rows.stream().filter(i -> i.overdue() && i.outcome() == null).count();
        return new ReadModels.Initiatives(
                rows.stream().filter(i -> "DONE".equals(i.outcome())).count(),
                rows.stream().filter(i -> "NOT_DONE".equals(i.outcome())).count(),
                overdue);
    }

    /**
     * Issue 16 item 3: the initiatives of a past year (deadline in the year) that were overdue on its 31 December:
     * the day is after the deadline and they were not closed on or before it (followup-service's rule,
     * {@code QualityInitiative.isOverdueOn}), from the stored deadline and closing day, so closing one in January
     * does not change the year's report.
     */
    private long overdueAtYearEnd() {
        return s.statistics()
                .placedRows(s.history(), s.root(), """
                SELECT org_unit_id AS place_unit, deadline AS place_day FROM followup_initiative
                WHERE deadline BETWEEN ? AND ? AND deadline < ? AND (closed_on IS NULL OR closed_on > ?)""", r -> Boolean.TRUE, s.from(), s.to(), s.asOf(), s.asOf())
                .size();
    }
}
