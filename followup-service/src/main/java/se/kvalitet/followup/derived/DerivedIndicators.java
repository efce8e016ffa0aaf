package se.kvalitet.followup.derived;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.followup.domain.Enums.DerivedMetric;
import se.kvalitet.followup.domain.Evaluator.Basis;
import se.kvalitet.followup.domain.Evaluator.Figure;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.orgcopy.OrgTree;

/**
 * Indicators derived from deviation events, per unit and period: each unit's figure counts the
 * facts of the unit and every unit below it in one SQL pass (a unit is joined to each of its
 * ancestors), so a report that involves two units of a department counts once for the department
 * (seed 003, Figur 5.1: a department's row is smaller than the sum of its units' rows). Shares keep
 * their numerator and denominator.
 */
@ApplicationScoped
public class DerivedIndicators {

    @Inject
    DataSource dataSource;

    @Inject
    DerivedFactQueries queries;

    /** A fraction with what it counts. */
    public record Share(long numerator, long denominator) {
        public BigDecimal percent() {
            return denominator == 0
                    ? null
                    : BigDecimal.valueOf(numerator)
                            .multiply(BigDecimal.valueOf(100))
                            .divide(BigDecimal.valueOf(denominator), java.math.MathContext.DECIMAL64);
        }
    }

    /** Every derived figure of one unit (and the units below it) for one period. */
    public record Statistics(
            UUID orgUnitId,
            long reports,
            Map<DeviationCategory, Long> byCategory,
            Share lexSarahSeriousNotified,
            Share dataBreachNotified,
            Share dataBreachNotifiedWithin72h,
            BigDecimal medianDaysToClose,
            long closedReports,
            Share actionsDoneOnTime) {}

    /** The figures of one metric for every unit of the tree. */
    public Map<UUID, Figure> figures(DerivedMetric metric, DeviationCategory category, Period period, OrgTree tree) {
        Map<UUID, Figure> out = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            switch (metric) {
                case DEVIATION_COUNT ->
                    queries.counts(c, tree, period, category)
                            .forEach((u, n) -> out.put(
                                    u, new Figure(Basis.DERIVED, BigDecimal.valueOf(n), null, null, n, 1, 0, null)));
                case LEX_SARAH_SERIOUS_NOTIFIED_SHARE,
                        DATA_BREACH_NOTIFIED_SHARE,
                        DATA_BREACH_NOTIFIED_WITHIN_72H_SHARE ->
                    queries.trackShares(c, tree, period, metric).forEach((u, s) -> out.put(u, share(s)));
                case MEDIAN_DAYS_TO_CLOSE ->
                    queries.medians(c, tree, period)
                            .forEach((u, m) -> out.put(
                                    u, new Figure(Basis.DERIVED, m.median(), null, null, m.count(), 1, 0, null)));
                case ACTIONS_DONE_ON_TIME_SHARE ->
                    queries.actions(c, tree, period).forEach((u, s) -> out.put(u, share(s)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compute " + metric, e);
        }
        // a unit with no facts at all has a count of zero, but no share and no median
        if (metric == DerivedMetric.DEVIATION_COUNT) {
            for (UUID u : tree.units()) {
                out.putIfAbsent(u, new Figure(Basis.DERIVED, BigDecimal.ZERO, null, null, 0L, 1, 0, null));
            }
        }
        return out;
    }

    private static Figure share(Share s) {
        return s.denominator() == 0
                ? null
                : new Figure(
                        Basis.DERIVED,
                        s.percent(),
                        BigDecimal.valueOf(s.numerator()),
                        BigDecimal.valueOf(s.denominator()),
                        s.denominator(),
                        1,
                        0,
                        null);
    }

    /** Everything derived for the given units. */
    public Map<UUID, Statistics> statistics(Period period, OrgTree tree) {
        try (Connection c = dataSource.getConnection()) {
            Map<UUID, Long> reports = queries.counts(c, tree, period, null);
            Map<UUID, Map<DeviationCategory, Long>> categories = queries.categoryCounts(c, tree, period);
            Map<UUID, Share> sarah =
                    queries.trackShares(c, tree, period, DerivedMetric.LEX_SARAH_SERIOUS_NOTIFIED_SHARE);
            Map<UUID, Share> breach = queries.trackShares(c, tree, period, DerivedMetric.DATA_BREACH_NOTIFIED_SHARE);
            Map<UUID, Share> breach72 =
                    queries.trackShares(c, tree, period, DerivedMetric.DATA_BREACH_NOTIFIED_WITHIN_72H_SHARE);
            Map<UUID, DerivedFactQueries.Median> medians = queries.medians(c, tree, period);
            Map<UUID, Share> actions = queries.actions(c, tree, period);
            Map<UUID, Statistics> out = new HashMap<>();
            Share none = new Share(0, 0);
            for (UUID u : tree.units()) {
                DerivedFactQueries.Median m = medians.get(u);
                out.put(
                        u,
                        new Statistics(
                                u,
                                reports.getOrDefault(u, 0L),
                                categories.getOrDefault(u, Map.of()),
                                sarah.getOrDefault(u, none),
                                breach.getOrDefault(u, none),
                                breach72.getOrDefault(u, none),
                                m == null ? null : m.median(),
                                m == null ? 0 : m.count(),
                                actions.getOrDefault(u, none)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compute deviation statistics", e);
        }
    }
}
