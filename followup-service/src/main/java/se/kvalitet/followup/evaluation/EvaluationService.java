package se.kvalitet.followup.evaluation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.followup.derived.DerivedIndicators;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Evaluator;
import se.kvalitet.followup.domain.Evaluator.Figure;
import se.kvalitet.followup.domain.Evaluator.Own;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorTarget;
import se.kvalitet.orgcopy.OrgTree;

/**
 * Evaluates indicators against their målvärden for every unit of the organisation: measurements
 * are read for the period and the one before it (for the trend), in batches of indicators, and
 * rolled up the tree from their parts ({@link Evaluator}); derived indicators take their figures
 * from {@link DerivedIndicators}. Memory is one batch of indicators, whatever the total.
 */
@ApplicationScoped
public class EvaluationService {

    static final int BATCH = 200;

    @Inject
    DataSource dataSource;

    @Inject
    DerivedIndicators derived;

    /** One evaluated cell: an indicator at a unit for a period and gender. */
    public record Row(
            Indicator indicator,
            UUID orgUnitId,
            Period period,
            Period previous,
            Gender gender,
            IndicatorTarget target,
            Figure figure,
            Evaluator.Result result) {}

    /**
     * Evaluates {@code indicators} at {@code period} for the {@code units} wanted (in that order; null:
     * every unit of the tree), calling {@code sink} per row, indicator by indicator.
     */
    public void evaluate(
            List<Indicator> indicators,
            Period period,
            Gender gender,
            OrgTree tree,
            List<UUID> units,
            Consumer<Row> sink) {
        Period previous = period.previous();
        List<UUID> wanted = units != null ? units : allUnits(tree);
        for (int from = 0; from < indicators.size(); from += BATCH) {
            List<Indicator> batch = indicators.subList(from, Math.min(indicators.size(), from + BATCH));
            Map<UUID, Map<String, Map<Gender, Map<UUID, Own>>>> measured = load(batch, period, previous, gender);
            for (Indicator ind : batch) {
                IndicatorTarget target = ind.targetFor(period).orElse(null);
                boolean perGroup = target != null && target.comparator == TargetComparison.AT_LEAST_PER_GROUP;
                Evaluator.Spec spec = ind.spec();
                Map<UUID, Figure> now;
                Map<UUID, Figure> before;
                if (ind.method == Method.DERIVED_FROM_EVENTS && ind.derivedMetric != null) {
                    now = gender == Gender.T
                            ? derived.figures(ind.derivedMetric, ind.derivedCategory, period, tree)
                            : Map.of();
                    before = gender == Gender.T
                            ? derived.figures(ind.derivedMetric, ind.derivedCategory, previous, tree)
                            : Map.of();
                } else {
                    Map<String, Map<Gender, Map<UUID, Own>>> byPeriod = measured.getOrDefault(ind.id, Map.of());
                    now = Evaluator.figures(spec, perGroup, tree, own(spec, byPeriod.get(period.code()), gender));
                    before = Evaluator.figures(spec, perGroup, tree, own(spec, byPeriod.get(previous.code()), gender));
                }
                for (UUID unit : wanted) {
                    Figure f = now.get(unit);
                    Evaluator.Result r =
                            Evaluator.evaluate(spec, target == null ? null : target.rule(), f, before.get(unit));
                    sink.accept(new Row(ind, unit, period, previous, gender, target, f, r));
                }
            }
        }
    }

    static List<UUID> allUnits(OrgTree tree) {
        List<UUID> out = new ArrayList<>();
        for (UUID root : tree.roots()) {
            out.addAll(tree.preorder(root, Integer.MAX_VALUE));
        }
        return out;
    }

    /** The own measurements of one period: the asked gender; for T also the total of K and M where only those are recorded. */
    private static Map<UUID, Own> own(Evaluator.Spec spec, Map<Gender, Map<UUID, Own>> byGender, Gender gender) {
        if (byGender == null) {
            return Map.of();
        }
        Map<UUID, Own> out = new HashMap<>(byGender.getOrDefault(gender, Map.of()));
        if (gender == Gender.T) {
            Map<UUID, Own> women = byGender.getOrDefault(Gender.K, Map.of());
            Map<UUID, Own> men = byGender.getOrDefault(Gender.M, Map.of());
            for (Map.Entry<UUID, Own> k : women.entrySet()) {
                Own existing = out.get(k.getKey());
                if (existing == null || (existing.value() == null && existing.numerator() == null)) {
                    Own total = Evaluator.total(spec, k.getValue(), men.get(k.getKey()));
                    if (total != null) {
                        out.put(k.getKey(), total);
                    }
                }
            }
        }
        return out;
    }

    /** indicator → period → gender → unit → own measurement, for the batch. */
    private Map<UUID, Map<String, Map<Gender, Map<UUID, Own>>>> load(
            List<Indicator> batch, Period period, Period previous, Gender gender) {
        Set<UUID> ids = new HashSet<>();
        for (Indicator i : batch) {
            if (i.method != Method.DERIVED_FROM_EVENTS) {
                ids.add(i.id);
            }
        }
        Map<UUID, Map<String, Map<Gender, Map<UUID, Own>>>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String genders = gender == Gender.T ? "('T','K','M')" : "('" + gender.name() + "')";
        String sql = """
                SELECT indicator_id, org_unit_id, period, gender, value, numerator, denominator, responses, missing_reason
                FROM measurement WHERE indicator_id = ANY (?) AND period IN (?, ?) AND gender IN """ + genders;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            ps.setString(2, period.code());
            ps.setString(3, previous.code());
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int responses = rs.getInt(8);
                    Long resp = rs.wasNull() ? null : (long) responses;
                    String missing = rs.getString(9);
                    Own own = new Own(
                            rs.getBigDecimal(5),
                            rs.getBigDecimal(6),
                            rs.getBigDecimal(7),
                            resp,
                            missing == null ? null : MissingReason.valueOf(missing));
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(3), k -> new HashMap<>())
                            .computeIfAbsent(Gender.valueOf(rs.getString(4)), k -> new HashMap<>())
                            .put(rs.getObject(2, UUID.class), own);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read measurements", e);
        }
        return out;
    }
}
