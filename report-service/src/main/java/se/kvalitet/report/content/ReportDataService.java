package se.kvalitet.report.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.report.statistics.DeviationStatistics;
import se.kvalitet.report.statistics.OrgHistory;
import se.kvalitet.report.statistics.StatisticsService;

/** Reads {@link ReportData} for one organisation and year from the read models (SQL, placed with the org history). */
@ApplicationScoped
public class ReportDataService {

    @Inject
    StatisticsService statistics;

    @Inject
    DataSource dataSource;

    public ReportData load(UUID root, int year) {
        OrgHistory h = statistics.history();
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        DeviationStatistics stats = statistics.compute(h, root, from, to);
        DeviationStatistics previous = statistics.compute(h, root, from.minusYears(1), to.minusYears(1));

        List<ReportData.Unit> leaves = new ArrayList<>();
        Map<UUID, Long> parents = new HashMap<>();
        stats.rows().forEach(r -> {
            if (r.parentId() != null) {
                parents.merge(r.parentId(), 1L, Long::sum);
            }
        });
        stats.rows().stream().filter(r -> r.depth() > 0 && !parents.containsKey(r.orgUnitId()))
                .forEach(r -> leaves.add(new ReportData.Unit(r.orgUnitId(), r.name(), r.total())));

        Map<String, Long> rootCauses = statistics.placedSums(h, root, """
                SELECT f.org_unit_id, f.occurred_on, rc.root_cause, count(DISTINCT f.deviation_id)
                FROM deviation_fact_root_cause rc JOIN deviation_fact f ON f.deviation_id = rc.deviation_id
                WHERE f.occurred_on BETWEEN ? AND ? GROUP BY 1, 2, 3""", from, to);

        Map<String, Map<String, Long>> assessments = new LinkedHashMap<>();
        for (String track : List.of("LEX_SARAH", "LEX_MARIA", "PERSONAL_DATA_BREACH")) {
            assessments.put(track, statistics.placedSums(h, root, """
                    SELECT f.org_unit_id, f.occurred_on, coalesce(t.assessment, 'NOT_ASSESSED'), count(DISTINCT f.deviation_id)
                    FROM deviation_fact_track t JOIN deviation_fact f ON f.deviation_id = t.deviation_id
                    WHERE t.track_type = ? AND (t.closure IS NULL OR t.closure <> 'RECLASSIFIED')
                      AND f.occurred_on BETWEEN ? AND ? GROUP BY 1, 2, 3""", track, from, to));
        }

        long[] a = new long[5];
        for (Object[] r : statistics.placedRows(h, root, """
                SELECT coalesce(a.org_unit_id, f.org_unit_id), a.due_on, a.done_on, a.done_on_time, a.effect_checked_on, a.effective
                FROM deviation_fact_action a LEFT JOIN deviation_fact f ON f.deviation_id = a.deviation_id
                WHERE a.due_on BETWEEN ? AND ?""", from, to)) {
            a[0]++;
            if (r[0] != null) {
                a[1]++;
            }
            if (Boolean.TRUE.equals(r[1])) {
                a[2]++;
            }
            if (r[2] != null) {
                a[3]++;
            }
            if (Boolean.TRUE.equals(r[3])) {
                a[4]++;
            }
        }
        ReportData.Actions actions = new ReportData.Actions(a[0], a[1], a[2], a[3], a[4]);

        Map<String, Long> overdue = statistics.placedSums(h, root, """
                SELECT org_unit_id, due_on, clock_kind, count(*) FROM deviation_fact_overdue
                WHERE due_on BETWEEN ? AND ? GROUP BY 1, 2, 3""", from, to);

        ReportData.Documents documents = documents(h, root, from, to);
        List<ReportData.CoverageRow> coverage = coverage(h, root, to);
        ReportData.Risks risks = risks(h, root, from, to, leaves);
        ReportData.Egenkontroll egenkontroll = egenkontroll(h, root, from, to);
        List<ReportData.Indicator> indicators = indicators(h, root, year, to);

        long[] in = new long[3];
        for (Object[] r : statistics.placedRows(h, root, """
                SELECT org_unit_id, coalesce(closed_on, deadline), outcome, overdue FROM followup_initiative
                WHERE coalesce(closed_on, deadline) BETWEEN ? AND ?""", from, to)) {
            if ("DONE".equals(r[0])) {
                in[0]++;
            } else if ("NOT_DONE".equals(r[0])) {
                in[1]++;
            }
            if (Boolean.TRUE.equals(r[1]) && r[0] == null) {
                in[2]++;
            }
        }
        return new ReportData(root, h.nameOn(root, to), year, from, to, stats, previous, leaves, rootCauses, assessments,
                actions, overdue, documents, coverage, risks, egenkontroll, indicators,
                new ReportData.Initiatives(in[0], in[1], in[2]));
    }

    /** Documents applying to a unit in the subtree or above it (a document for the board applies to all). */
    private ReportData.Documents documents(OrgHistory h, UUID root, LocalDate from, LocalDate to) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byCategory = new TreeMap<>();
        long approvedInYear = 0;
        long overdue = 0;
        long coop = 0;
        long coopOverdue = 0;
        long withdrawn = 0;
        List<UUID> rootUp = h.ancestorsOn(root, to);
        for (Object[] r : rows("""
                SELECT d.kind, d.process_category, d.in_force, d.valid_from, d.review_overdue, d.cooperation, d.withdrawn_on,
                       d.org_unit_id, ARRAY(SELECT u.org_unit_id FROM registry_document_unit u WHERE u.document_id = d.document_id)
                FROM registry_document d""")) {
            List<UUID> units = new ArrayList<>();
            for (Object o : (Object[]) r[8]) {
                units.add((UUID) o);
            }
            if (units.isEmpty() && r[7] != null) {
                units.add((UUID) r[7]);
            }
            boolean applies = units.stream().anyMatch(u -> rootUp.contains(u) || h.ancestorsOn(u, to).contains(root));
            if (!applies) {
                continue;
            }
            boolean inForce = Boolean.TRUE.equals(r[2]);
            LocalDate validFrom = (LocalDate) r[3];
            LocalDate withdrawnOn = (LocalDate) r[6];
            if (withdrawnOn != null && !withdrawnOn.isBefore(from) && !withdrawnOn.isAfter(to)) {
                withdrawn++;
            }
            if (!inForce) {
                continue;
            }
            String kind = (String) r[0];
            byType.merge(kind, 1L, Long::sum);
            if (r[1] != null) {
                byCategory.merge((String) r[1], 1L, Long::sum);
            }
            if (validFrom != null && !validFrom.isBefore(from) && !validFrom.isAfter(to)) {
                approvedInYear++;
            }
            boolean late = Boolean.TRUE.equals(r[4]);
            if (late) {
                overdue++;
            }
            if (Boolean.TRUE.equals(r[5])) {
                coop++;
                if (late) {
                    coopOverdue++;
                }
            }
        }
        return new ReportData.Documents(byType, byCategory, approvedInYear, overdue, coop, coopOverdue, withdrawn);
    }

    private List<ReportData.CoverageRow> coverage(OrgHistory h, UUID root, LocalDate to) {
        Map<UUID, List<String>> gaps = new HashMap<>();
        for (Object[] r : rows("SELECT org_unit_id, regulation_code, reference FROM registry_unit_coverage_gap "
                + "ORDER BY regulation_code, reference")) {
            gaps.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(r[1] + " " + r[2]);
        }
        List<ReportData.CoverageRow> out = new ArrayList<>();
        for (Object[] r : rows("SELECT org_unit_id, applicable_count, covered_count FROM registry_unit_coverage")) {
            UUID unit = (UUID) r[0];
            if (!h.ancestorsOn(unit, to).contains(root)) {
                continue;
            }
            out.add(new ReportData.CoverageRow(unit, h.nameOn(unit, to), ((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue(), gaps.getOrDefault(unit, List.of())));
        }
        out.sort((x, y) -> String.valueOf(x.unitName()).compareTo(String.valueOf(y.unitName())));
        return out;
    }

    private ReportData.Risks risks(OrgHistory h, UUID root, LocalDate from, LocalDate to, List<ReportData.Unit> leaves) {
        long assessments = 0;
        java.util.Set<Object> risks = new java.util.HashSet<>();
        java.util.Set<UUID> covered = new java.util.HashSet<>();
        Map<String, Long> byClass = new TreeMap<>();
        for (Object[] r : statistics.placedRows(h, root, """
                SELECT org_unit_id, assessed_on, risk_id, matrix_class, org_unit_id FROM registry_risk_assessment
                WHERE assessed_on BETWEEN ? AND ?""", from, to)) {
            assessments++;
            risks.add(r[0]);
            UUID unit = (UUID) r[2];
            // an analysis made for a unit covers every unit under it
            for (ReportData.Unit leaf : leaves) {
                if (h.ancestorsOn(leaf.id(), to).contains(unit)) {
                    covered.add(leaf.id());
                }
            }
        }
        for (Object[] r : statistics.placedRows(h, root, """
                SELECT org_unit_id, assessed_on, matrix_class, status, open_measures FROM registry_risk
                WHERE assessed_on <= ?""", to)) {
            byClass.merge((String) r[0], 1L, Long::sum);
        }
        long openHigh = statistics.placedRows(h, root, """
                SELECT org_unit_id, assessed_on, risk_id FROM registry_risk
                WHERE assessed_on <= ? AND matrix_class IN ('HIGH', 'VERY_HIGH') AND coalesce(status, 'OPEN') = 'OPEN'""", to)
                .size();
        return new ReportData.Risks(assessments, risks.size(), byClass, covered.size(), openHigh);
    }

    private ReportData.Egenkontroll egenkontroll(OrgHistory h, UUID root, LocalDate from, LocalDate to) {
        long planned = 0;
        long executed = 0;
        long late = 0;
        long notExecuted = 0;
        long found = 0;
        Map<String, Long> byResult = new TreeMap<>();
        for (Object[] r : statistics.placedRows(h, root, """
                SELECT org_unit_id, coalesce(executed_on, due_on), executed_on, overdue, result, deviations_found
                FROM followup_egenkontroll WHERE coalesce(executed_on, due_on) BETWEEN ? AND ?""", from, to)) {
            planned++;
            if (r[0] != null) {
                executed++;
                if (Boolean.TRUE.equals(r[1])) {
                    late++;
                }
                if (r[2] != null) {
                    byResult.merge((String) r[2], 1L, Long::sum);
                }
                found += r[3] == null ? 0 : ((Number) r[3]).longValue();
            } else {
                notExecuted++;
            }
        }
        return new ReportData.Egenkontroll(planned, executed, late, notExecuted, byResult, found);
    }

    /**
     * Yearly values of each indicator for the organisation and its outcome against the målvärde.
     * Where followup-service has evaluated a cell ({@code followup_evaluation}) its value and status
     * are used as they are (the rules, roll-ups and rounding are followup's); otherwise the value is
     * the organisation's own measurement, else the units' shares added up from numerator and
     * denominator (never an average of percentages), and a {@code target.missed} not superseded by an
     * evaluation of the same cell counts as missed. Values that cannot be added up are missing ("..",
     * as Kolada prints them). Names, codes and målvärden come from the indicator snapshots.
     */
    private List<ReportData.Indicator> indicators(OrgHistory h, UUID root, int year, LocalDate to) {
        Map<UUID, Map<Integer, List<Object[]>>> byIndicator = new TreeMap<>();
        for (Object[] r : statistics.placedRows(h, root, """
                SELECT org_unit_id, CAST(? AS date), indicator_id, period, value, numerator, denominator, org_unit_id
                FROM followup_measurement WHERE gender = 'T' AND period ~ '^[0-9]{4}$'
                  AND period BETWEEN ? AND ?""", to, String.valueOf(year - 3), String.valueOf(year))) {
            byIndicator.computeIfAbsent((UUID) r[0], k -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt((String) r[1]), k -> new ArrayList<>()).add(r);
        }
        Map<UUID, Long> missed = new HashMap<>();
        for (Object[] r : statistics.placedRows(h, root, """
                SELECT m.org_unit_id, CAST(? AS date), m.indicator_id FROM followup_target_missed m
                WHERE m.gender = 'T' AND m.period LIKE ? AND NOT EXISTS (SELECT 1 FROM followup_evaluation e
                    WHERE e.indicator_id = m.indicator_id AND e.org_unit_id = m.org_unit_id AND e.period = m.period
                      AND e.gender = m.gender)""", to, year + "%")) {
            missed.merge((UUID) r[0], 1L, Long::sum);
        }
        // evaluations of the subtree: the years of the table at the organisation, every period of the report year per unit
        Map<UUID, Integer> order = new HashMap<>();
        Map<UUID, Integer> depth = new HashMap<>();
        for (OrgHistory.Node n : h.tree(root, LocalDate.of(year, 1, 1), to)) {
            order.putIfAbsent(n.unitId(), order.size());
            depth.putIfAbsent(n.unitId(), n.depth());
        }
        Map<UUID, Map<Integer, Object[]>> atRoot = new HashMap<>();
        Map<UUID, List<ReportData.UnitOutcome>> units = new HashMap<>();
        for (Object[] r : statistics.placedRows(h, root, """
                SELECT org_unit_id, CAST(? AS date), indicator_id, org_unit_id, period, status, value, comparator, target_value,
                       target_upper
                FROM followup_evaluation WHERE gender = 'T'
                  AND ((period ~ '^[0-9]{4}$' AND period BETWEEN ? AND ?) OR period LIKE ?)""",
                to, String.valueOf(year - 3), String.valueOf(year), year + "-%")) {
            UUID ind = (UUID) r[0];
            UUID unit = (UUID) r[1];
            String period = (String) r[2];
            ReportData.Target target = target(r, 5);
            if (unit.equals(root) && period.length() == 4) {
                atRoot.computeIfAbsent(ind, k -> new HashMap<>()).put(Integer.parseInt(period), r);
            }
            if (period.startsWith(Integer.toString(year))) {
                units.computeIfAbsent(ind, k -> new ArrayList<>()).add(new ReportData.UnitOutcome(unit, h.nameOn(unit, to),
                        depth.getOrDefault(unit, 0), period, strip((BigDecimal) r[4]), target, (String) r[3]));
            }
        }
        Map<UUID, Object[]> named = new HashMap<>();
        for (Object[] r : rows("SELECT indicator_id, code, name, criterion_name, unit_of_measure FROM followup_indicator")) {
            named.put((UUID) r[0], r);
        }
        Map<UUID, ReportData.Target> targets = new HashMap<>();
        for (Object[] r : rows("""
                SELECT indicator_id, comparator, target_value, target_upper, valid_from_period FROM followup_indicator_target
                ORDER BY indicator_id, valid_from_period""")) {
            // the målvärde valid in the report year: the latest one that starts in or before it
            if (Integer.parseInt(((String) r[4]).substring(0, 4)) <= year) {
                targets.put((UUID) r[0], target(r, 1));
            }
        }

        java.util.Set<UUID> ids = new java.util.LinkedHashSet<>(byIndicator.keySet());
        ids.addAll(missed.keySet());
        ids.addAll(atRoot.keySet());
        ids.addAll(units.keySet());
        List<ReportData.Indicator> out = new ArrayList<>();
        for (UUID id : ids) {
            Map<Integer, BigDecimal> values = new TreeMap<>();
            Map<Integer, String> missing = new TreeMap<>();
            for (Map.Entry<Integer, List<Object[]>> y : byIndicator.getOrDefault(id, Map.of()).entrySet()) {
                BigDecimal v = value(y.getValue(), root);
                if (v == null) {
                    missing.put(y.getKey(), "..");
                } else {
                    values.put(y.getKey(), v.stripTrailingZeros());
                }
            }
            Map<Integer, Object[]> evaluated = atRoot.getOrDefault(id, Map.of());
            for (Map.Entry<Integer, Object[]> y : evaluated.entrySet()) {
                BigDecimal v = (BigDecimal) y.getValue()[4];
                if (v == null) {
                    values.remove(y.getKey());
                    missing.put(y.getKey(), "..");
                } else {
                    missing.remove(y.getKey());
                    values.put(y.getKey(), strip(v));
                }
            }
            Object[] thisYear = evaluated.get(year);
            String outcome = thisYear == null ? null : (String) thisYear[3];
            List<ReportData.UnitOutcome> cells = new ArrayList<>(units.getOrDefault(id, List.of()));
            cells.sort(java.util.Comparator.comparing((ReportData.UnitOutcome u) -> order.getOrDefault(u.orgUnitId(), Integer.MAX_VALUE))
                    .thenComparing(ReportData.UnitOutcome::unit, java.util.Comparator.nullsLast(String::compareTo))
                    .thenComparing(ReportData.UnitOutcome::period));
            long unitsMissing = missed.getOrDefault(id, 0L) + cells.stream().filter(c -> "NOT_MET".equals(c.outcome())).count();
            boolean targetMissed = outcome != null ? "NOT_MET".equals(outcome) : unitsMissing > 0;
            ReportData.Target target = thisYear != null && thisYear[5] != null ? target(thisYear, 5) : targets.get(id);
            Object[] n = named.get(id);
            out.add(new ReportData.Indicator(id, values, missing, targetMissed, unitsMissing, n == null ? null : (String) n[1],
                    n == null ? null : (String) n[2], n == null ? null : (String) n[3], n == null ? null : (String) n[4], target,
                    outcome, List.copyOf(cells)));
        }
        // by code (the catalogue's order), indicators without a snapshot last by id
        out.sort(java.util.Comparator.comparing(ReportData.Indicator::code, java.util.Comparator.nullsLast(String::compareTo))
                .thenComparing(ReportData.Indicator::indicatorId));
        return out;
    }

    /** The målvärde in columns comparator, value, upper from {@code first} on; null without a comparator. */
    private static ReportData.Target target(Object[] row, int first) {
        return row[first] == null ? null
                : new ReportData.Target((String) row[first], strip((BigDecimal) row[first + 1]), strip((BigDecimal) row[first + 2]));
    }

    private static BigDecimal strip(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static BigDecimal value(List<Object[]> rows, UUID root) {
        for (Object[] r : rows) {
            if (root.equals(r[5])) {
                return (BigDecimal) r[2];
            }
        }
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        BigDecimal scale = null;
        for (Object[] r : rows) {
            BigDecimal v = (BigDecimal) r[2];
            BigDecimal n = (BigDecimal) r[3];
            BigDecimal d = (BigDecimal) r[4];
            if (n == null || d == null || d.signum() == 0) {
                return rows.size() == 1 ? v : null;
            }
            num = num.add(n);
            den = den.add(d);
            if (scale == null && v != null && n.signum() != 0) {
                // percent (×100) or plain share (×1): the factor between the value and its ratio
                scale = v.divide(n.divide(d, MathContext.DECIMAL64), 0, RoundingMode.HALF_UP);
            }
        }
        if (den.signum() == 0) {
            return null;
        }
        BigDecimal factor = scale == null || scale.signum() == 0 ? BigDecimal.ONE : scale;
        return num.multiply(factor).divide(den, 1, RoundingMode.HALF_UP);
    }

    private List<Object[]> rows(String sql) {
        List<Object[]> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int k = 0; k < n; k++) {
                    Object o = rs.getObject(k + 1);
                    if (o instanceof java.sql.Array arr) {
                        o = arr.getArray();
                    } else if (o instanceof java.sql.Date d) {
                        o = d.toLocalDate();
                    }
                    row[k] = o;
                }
                out.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + sql, e);
        }
        return out;
    }
}
