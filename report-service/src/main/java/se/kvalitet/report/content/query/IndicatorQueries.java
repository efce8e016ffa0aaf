package se.kvalitet.report.content.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.orgcopy.OrgHistory;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.rows.Row;
import se.kvalitet.report.rows.Rows;

/**
 * Yearly values of each indicator for the organisation and its outcome against the målvärde, for
 * the gender total and, where the data has them, for women (K) and men (M). Where followup-service
 * has evaluated a cell ({@code followup_evaluation}) its value and status are used as they are (the
 * rules, roll-ups and rounding are followup's); otherwise the value is the organisation's own
 * measurement, else the units' shares added up from numerator and denominator (never an average of
 * percentages), and a {@code target.missed} not superseded by an evaluation of the same cell counts
 * as missed. Values that cannot be added up are missing. Names, codes and målvärden come from the
 * indicator snapshots.
 */
final class IndicatorQueries {

    static final List<String> GENDERS = List.of("K", "M");

    private final Scope s;

    IndicatorQueries(Scope s) {
        this.s = s;
    }

    private record Measurement(
            UUID indicator,
            UUID unit,
            int year,
            String gender,
            BigDecimal value,
            BigDecimal numerator,
            BigDecimal denominator) {}

    private record Evaluation(
            UUID indicator,
            UUID unit,
            String period,
            String gender,
            String status,
            BigDecimal value,
            ReadModels.Target target) {}

    private record Named(String code, String name, String criterion, String unitOfMeasure) {}

    /** Everything read for the indicators of the subtree and year. */
    private record Read(
            Map<UUID, Map<String, Map<Integer, List<Measurement>>>> measured,
            Map<UUID, Long> missed,
            List<Evaluation> evaluations,
            Map<UUID, Named> named,
            Map<UUID, ReadModels.Target> targets) {}

    List<ReadModels.Indicator> indicators() {
        Read read = new Read(measurements(), missedTargets(), evaluations(), named(), targetsValidInYear());
        Set<UUID> ids = new LinkedHashSet<>(read.measured().keySet());
        ids.addAll(read.missed().keySet());
        read.evaluations().forEach(e -> ids.add(e.indicator()));
        Map<UUID, Integer> order = new HashMap<>();
        Map<UUID, Integer> depth = new HashMap<>();
        for (OrgHistory.Node n : s.history().tree(s.root(), s.from(), s.to())) {
            order.putIfAbsent(n.unitId(), order.size());
            depth.putIfAbsent(n.unitId(), n.depth());
        }
        List<ReadModels.Indicator> out = new ArrayList<>();
        for (UUID id : ids) {
            out.add(indicator(id, read, order, depth));
        }
        // by code (the catalogue's order), indicators without a snapshot last by id
        out.sort(Comparator.comparing(ReadModels.Indicator::code, Comparator.nullsLast(String::compareTo))
                .thenComparing(ReadModels.Indicator::indicatorId));
        return out;
    }

    private ReadModels.Indicator indicator(UUID id, Read read, Map<UUID, Integer> order, Map<UUID, Integer> depth) {
        List<Evaluation> mine = read.evaluations().stream()
                .filter(e -> e.indicator().equals(id))
                .toList();
        Map<String, Map<Integer, List<Measurement>>> measured = read.measured().getOrDefault(id, Map.of());
        Map<Integer, BigDecimal> values = values(measured.getOrDefault("T", Map.of()), atRoot(mine, "T"));
        Evaluation thisYear = atRoot(mine, "T").get(s.year());
        String outcome = thisYear == null ? null : thisYear.status();
        List<ReadModels.UnitOutcome> cells = new ArrayList<>();
        for (Evaluation e : mine) {
            if (e.gender().equals("T") && e.period().startsWith(Integer.toString(s.year()))) {
                cells.add(new ReadModels.UnitOutcome(
                        e.unit(),
                        s.history().nameOn(e.unit(), s.to()),
                        depth.getOrDefault(e.unit(), 0),
                        e.period(),
                        e.value(),
                        e.target(),
                        e.status()));
            }
        }
        cells.sort(
                Comparator.comparing((ReadModels.UnitOutcome u) -> order.getOrDefault(u.orgUnitId(), Integer.MAX_VALUE))
                        .thenComparing(ReadModels.UnitOutcome::unit, Comparator.nullsLast(String::compareTo))
                        .thenComparing(ReadModels.UnitOutcome::period));
        long unitsMissing = read.missed().getOrDefault(id, 0L)
                + cells.stream().filter(c -> "NOT_MET".equals(c.outcome())).count();
        boolean targetMissed = outcome != null ? "NOT_MET".equals(outcome) : unitsMissing > 0;
        ReadModels.Target target = thisYear != null && thisYear.target() != null
                ? thisYear.target()
                : read.targets().get(id);
        List<ReadModels.GenderValues> genders = new ArrayList<>();
        for (String g : GENDERS) {
            Map<Integer, Evaluation> evaluated = atRoot(mine, g);
            Map<Integer, BigDecimal> v = values(measured.getOrDefault(g, Map.of()), evaluated);
            Evaluation e = evaluated.get(s.year());
            if (!v.isEmpty() || e != null) {
                genders.add(new ReadModels.GenderValues(g, v, e == null ? null : e.status()));
            }
        }
        Named n = read.named().get(id);
        return new ReadModels.Indicator(
                id,
                values,
                targetMissed,
                unitsMissing,
                n == null ? null : n.code(),
                n == null ? null : n.name(),
                n == null ? null : n.criterion(),
                n == null ? null : n.unitOfMeasure(),
                target,
                outcome,
                List.copyOf(cells),
                List.copyOf(genders));
    }

    /** The organisation's yearly evaluations of one gender, by year. */
    private Map<Integer, Evaluation> atRoot(List<Evaluation> evaluations, String gender) {
        Map<Integer, Evaluation> out = new HashMap<>();
        for (Evaluation e : evaluations) {
            if (e.unit().equals(s.root())
                    && e.gender().equals(gender)
                    && e.period().length() == 4) {
                out.put(Integer.parseInt(e.period()), e);
            }
        }
        return out;
    }

    /** Values from the measurements, replaced by the evaluation's where followup-service evaluated the year. */
    private Map<Integer, BigDecimal> values(
            Map<Integer, List<Measurement>> measured, Map<Integer, Evaluation> evaluated) {
        Map<Integer, BigDecimal> values = new TreeMap<>();
        measured.forEach((year, rows) -> {
            BigDecimal v = value(rows);
            if (v != null) {
                values.put(year, strip(v));
            }
        });
        evaluated.forEach((year, e) -> {
            if (e.value() == null) {
                values.remove(year);
            } else {
                values.put(year, e.value());
            }
        });
        return values;
    }

    private BigDecimal value(List<Measurement> rows) {
        for (Measurement m : rows) {
            if (s.root().equals(m.unit())) {
                return m.value();
            }
        }
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        BigDecimal scale = null;
        for (Measurement m : rows) {
            if (m.numerator() == null
                    || m.denominator() == null
                    || m.denominator().signum() == 0) {
                return rows.size() == 1 ? m.value() : null;
            }
            num = num.add(m.numerator());
            den = den.add(m.denominator());
            if (scale == null && m.value() != null && m.numerator().signum() != 0) {
                // percent (×100) or plain share (×1): the factor between the value and its ratio
                scale = m.value()
                        .divide(m.numerator().divide(m.denominator(), MathContext.DECIMAL64), 0, RoundingMode.HALF_UP);
            }
        }
        if (den.signum() == 0) {
            return null;
        }
        BigDecimal factor = scale == null || scale.signum() == 0 ? BigDecimal.ONE : scale;
        return num.multiply(factor).divide(den, 1, RoundingMode.HALF_UP);
    }

    private Map<UUID, Map<String, Map<Integer, List<Measurement>>>> measurements() {
        Map<UUID, Map<String, Map<Integer, List<Measurement>>>> out = new TreeMap<>();
        for (Measurement m : s.statistics()
                .placedRows(
                        s.history(),
                        s.root(),
                        """
                SELECT org_unit_id AS place_unit, CAST(? AS date) AS place_day, indicator_id, org_unit_id, period, gender, value,
                       numerator, denominator
                FROM followup_measurement WHERE gender IN ('T', 'K', 'M') AND period ~ '^[0-9]{4}$'
                  AND period BETWEEN ? AND ?""",
                        r -> new Measurement(
                                r.uuid("indicator_id"),
                                r.uuid("org_unit_id"),
                                Integer.parseInt(r.string("period")),
                                r.string("gender"),
                                r.decimal("value"),
                                r.decimal("numerator"),
                                r.decimal("denominator")),
                        s.to(),
                        String.valueOf(s.year() - 3),
                        String.valueOf(s.year()))) {
            out.computeIfAbsent(m.indicator(), k -> new HashMap<>())
                    .computeIfAbsent(m.gender(), k -> new TreeMap<>())
                    .computeIfAbsent(m.year(), k -> new ArrayList<>())
                    .add(m);
        }
        return out;
    }

    private Map<UUID, Long> missedTargets() {
        Map<UUID, Long> missed = new HashMap<>();
        s.statistics()
                .placedRows(
                        s.history(),
                        s.root(),
                        """
                SELECT m.org_unit_id AS place_unit, CAST(? AS date) AS place_day, m.indicator_id FROM followup_target_missed m
                WHERE m.gender = 'T' AND m.period >= ? AND m.period < ? AND m.period LIKE ?
                  AND NOT EXISTS (SELECT 1 FROM followup_evaluation e
                    WHERE e.indicator_id = m.indicator_id AND e.org_unit_id = m.org_unit_id AND e.period = m.period
                      AND e.gender = m.gender)""",
                        r -> r.uuid("indicator_id"),
                        s.to(),
                        String.valueOf(s.year()),
                        String.valueOf(s.year() + 1),
                        s.year() + "%")
                .forEach(id -> missed.merge(id, 1L, Long::sum));
        return missed;
    }

    /** Evaluations of the subtree: the years of the table (every gender), every period of the report year per unit. */
    private List<Evaluation> evaluations() {
        return s.statistics()
                .placedRows(
                        s.history(),
                        s.root(),
                        """
                SELECT org_unit_id AS place_unit, CAST(? AS date) AS place_day, indicator_id, org_unit_id, period, gender,
                       status, value, comparator, target_value, target_upper
                FROM followup_evaluation WHERE gender IN ('T', 'K', 'M')
                  AND ((period ~ '^[0-9]{4}$' AND period BETWEEN ? AND ?) OR period LIKE ?)""",
                        r -> new Evaluation(
                                r.uuid("indicator_id"),
                                r.uuid("org_unit_id"),
                                r.string("period"),
                                r.string("gender"),
                                r.string("status"),
                                strip(r.decimal("value")),
                                target(r, "comparator", "target_value", "target_upper")),
                        s.to(),
                        String.valueOf(s.year() - 3),
                        String.valueOf(s.year()),
                        s.year() + "-%");
    }

    private Map<UUID, Named> named() {
        Map<UUID, Named> named = new HashMap<>();
        Rows.each(
                s.dataSource(),
                "SELECT indicator_id, code, name, criterion_name, unit_of_measure FROM followup_indicator",
                r -> named.put(
                        r.uuid("indicator_id"),
                        new Named(
                                r.string("code"),
                                r.string("name"),
                                r.string("criterion_name"),
                                r.string("unit_of_measure"))));
        return named;
    }

    /** The målvärde valid in the report year: the latest one that starts in or before it. */
    private Map<UUID, ReadModels.Target> targetsValidInYear() {
        Map<UUID, ReadModels.Target> targets = new HashMap<>();
        Rows.each(s.dataSource(), """
                SELECT indicator_id, comparator, target_value, target_upper, valid_from_period FROM followup_indicator_target
                ORDER BY indicator_id, valid_from_period""", r -> {
            if (Integer.parseInt(r.string("valid_from_period").substring(0, 4)) <= s.year()) {
                targets.put(r.uuid("indicator_id"), target(r, "comparator", "target_value", "target_upper"));
            }
        });
        return targets;
    }

    /** The målvärde in the named columns; null without a comparator. */
    private static ReadModels.Target target(Row r, String comparator, String value, String upper) {
        return r.string(comparator) == null
                ? null
                : new ReadModels.Target(
                        comparison(r.string(comparator)), strip(r.decimal(value)), strip(r.decimal(upper)));
    }

    /** The stored name as the enum; only the enum-typed events write it, so an unknown name means a read model from elsewhere. */
    private static TargetComparison comparison(String name) {
        try {
            return TargetComparison.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the read model holds the målvärde comparator " + name
                            + ", which this version does not know; rebuild the read model from the events",
                    e);
        }
    }

    private static BigDecimal strip(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
