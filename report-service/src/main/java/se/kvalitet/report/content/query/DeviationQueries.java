package se.kvalitet.report.content.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.kvalitet.report.content.ReadModels;

/** The deviation read model beyond the statistics: root causes, assessments, actions, overdue deadlines. */
final class DeviationQueries {

    private final Scope s;

    DeviationQueries(Scope s) {
        this.s = s;
    }

    Map<String, Long> rootCauses() {
        return s.statistics().placedSums(s.history(), s.root(), """
                SELECT f.org_unit_id AS place_unit, f.occurred_on AS place_day, rc.root_cause AS key,
                       count(DISTINCT f.deviation_id) AS value
                FROM deviation_fact_root_cause rc JOIN deviation_fact f ON f.deviation_id = rc.deviation_id
                WHERE f.occurred_on BETWEEN ? AND ? GROUP BY 1, 2, 3""", s.from(), s.to());
    }

    Map<String, Map<String, Long>> assessments() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String track : List.of("LEX_SARAH", "LEX_MARIA", "PERSONAL_DATA_BREACH")) {
            out.put(track, s.statistics().placedSums(s.history(), s.root(), """
                    SELECT f.org_unit_id AS place_unit, f.occurred_on AS place_day,
                           coalesce(t.assessment, 'NOT_ASSESSED') AS key, count(DISTINCT f.deviation_id) AS value
                    FROM deviation_fact_track t JOIN deviation_fact f ON f.deviation_id = t.deviation_id
                    WHERE t.track_type = ? AND (t.closure IS NULL OR t.closure <> 'RECLASSIFIED')
                      AND f.occurred_on BETWEEN ? AND ? GROUP BY 1, 2, 3""", track, s.from(), s.to()));
        }
        return out;
    }

    /** An action due in the year, placed by its own unit (else the report's). */
    private record Action(boolean done, boolean onTime, boolean effectChecked, boolean effective) {}

    ReadModels.Actions actions() {
        List<Action> rows = s.statistics()
                .placedRows(
                        s.history(),
                        s.root(),
                        """
                SELECT coalesce(a.org_unit_id, f.org_unit_id) AS place_unit, a.due_on AS place_day, a.done_on, a.done_on_time,
                       a.effect_checked_on, a.effective
                FROM deviation_fact_action a LEFT JOIN deviation_fact f ON f.deviation_id = a.deviation_id
                WHERE a.due_on BETWEEN ? AND ?""",
                        r -> new Action(
                                r.get("done_on") != null,
                                r.isTrue("done_on_time"),
                                r.get("effect_checked_on") != null,
                                r.isTrue("effective")),
                        s.from(),
                        s.to());
        return new ReadModels.Actions(
                rows.size(),
                rows.stream().filter(Action::done).count(),
                rows.stream().filter(Action::onTime).count(),
                rows.stream().filter(Action::effectChecked).count(),
                rows.stream().filter(Action::effective).count());
    }

    Map<String, Long> overdueDeadlines() {
        return s.statistics().placedSums(s.history(), s.root(), """
                SELECT org_unit_id AS place_unit, due_on AS place_day, clock_kind AS key, count(*) AS value
                FROM deviation_fact_overdue WHERE due_on BETWEEN ? AND ? GROUP BY 1, 2, 3""", s.from(), s.to());
    }
}
