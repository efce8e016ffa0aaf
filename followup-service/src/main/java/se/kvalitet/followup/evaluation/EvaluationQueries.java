package se.kvalitet.followup.evaluation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.followup.derived.DerivedIndicators;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.evaluation.EvaluationViews.Comparison;
import se.kvalitet.followup.evaluation.EvaluationViews.EvaluationResponse;
import se.kvalitet.followup.evaluation.EvaluationViews.SeriesPoint;
import se.kvalitet.followup.evaluation.EvaluationViews.StatisticsResponse;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgTree;
import se.kvalitet.orgcopy.OrgUnitLookup;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;

/** The read side of evaluation: pages of indicator × unit, time series with Kolada comparisons, deviation statistics. */
@ApplicationScoped
public class EvaluationQueries {

    public static final int MAX_SERIES = 120;

    @Inject
    EvaluationService evaluation;

    @Inject
    DerivedIndicators derived;

    @Inject
    IndicatorRepository indicators;

    @Inject
    OrgCopy orgUnits;

    @Inject
    OrgUnitLookup lookup;

    @Inject
    DataSource dataSource;

    /**
     * The organisation as this service knows it, with {@code orgUnitId} in it if the registry has it: a unit
     * created a moment ago is looked up there at once (platform/orgcopy's {@link OrgUnitLookup}).
     */
    private OrgTree treeKnowing(UUID orgUnitId) {
        if (orgUnitId != null) {
            lookup.knows(orgUnitId);
        }
        return orgUnits.tree();
    }

    /** The units asked for: {@code orgUnitId} (or every root) and the units below it down to {@code depth} levels. */
    static List<UUID> units(OrgTree tree, UUID orgUnitId, int depth) {
        if (orgUnitId != null && !tree.knows(orgUnitId)) {
            throw ProblemException.invalidField("orgUnitId", "no such org unit (as published by the process registry)");
        }
        List<UUID> out = new ArrayList<>();
        for (UUID root : orgUnitId != null ? List.of(orgUnitId) : tree.roots()) {
            out.addAll(tree.preorder(root, depth));
        }
        return out;
    }

    /**
     * One page of evaluations, indicator by indicator (sorted by code), each at the units asked for
     * (in tree order); the total is indicators × units.
     */
    @Transactional
    public Page<EvaluationResponse> page(
            Period period,
            Gender gender,
            UUID orgUnitId,
            int depth,
            UUID indicatorId,
            String criterion,
            int page,
            int limit) {
        OrgTree tree = treeKnowing(orgUnitId);
        List<UUID> units = units(tree, orgUnitId, depth);
        StringBuilder q = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (indicatorId != null) {
            params.add(indicatorId);
            q.append(" and id = ?").append(params.size());
        }
        if (criterion != null) {
            params.add(criterion);
            q.append(" and criterionCode = ?").append(params.size());
        }
        var query = indicators.find(q + " order by code, id", params.toArray());
        long count = query.count();
        long total = count * units.size();
        long first = (long) (page - 1) * limit;
        List<EvaluationResponse> items = new ArrayList<>();
        if (first < total && !units.isEmpty()) {
            long last = Math.min(total, first + limit) - 1;
            int firstIndicator = (int) (first / units.size());
            int lastIndicator = (int) (last / units.size());
            List<Indicator> needed = query.range(firstIndicator, lastIndicator).list();
            long[] position = {(long) firstIndicator * units.size()};
            evaluation.evaluate(needed, period, gender, tree, units, row -> {
                long p = position[0]++;
                if (p >= first && p <= last) {
                    items.add(EvaluationResponse.of(row, tree));
                }
            });
        }
        return new Page<>(items, page, limit, total);
    }

    /** One indicator at one unit over periods from {@code from} to {@code to}, with Kolada values of its KPI for the same years. */
    @Transactional
    public List<SeriesPoint> series(UUID indicatorId, UUID orgUnitId, Period from, Period to, Gender gender) {
        Indicator ind = indicators
                .findByIdOptional(indicatorId)
                .orElseThrow(() -> ProblemException.invalidField("indicatorId", "no such indicator"));
        if (from.type() != to.type()) {
            throw ProblemException.invalidField("to", "from and to must be periods of the same kind");
        }
        if (to.compareTo(from) < 0) {
            throw ProblemException.invalidField("to", "ends before from");
        }
        OrgTree tree = treeKnowing(orgUnitId);
        List<UUID> unit = units(tree, orgUnitId, 0);
        List<SeriesPoint> out = new ArrayList<>();
        for (Period p = from; p.compareTo(to) <= 0; p = p.next()) {
            if (out.size() >= MAX_SERIES) {
                throw ProblemException.invalidField("to", "at most " + MAX_SERIES + " periods");
            }
            List<EvaluationResponse> one = new ArrayList<>();
            evaluation.evaluate(List.of(ind), p, gender, tree, unit, row -> one.add(EvaluationResponse.of(row, tree)));
            out.add(new SeriesPoint(
                    one.get(0),
                    ind.koladaKpi == null || p.type() != Period.Type.YEAR
                            ? List.of()
                            : comparisons(ind.koladaKpi, p.year(), gender)));
        }
        return out;
    }

    private List<Comparison> comparisons(String kpi, int year, Gender gender) {
        List<Comparison> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT area_kind, area_id, value, count, status FROM kolada_value
                        WHERE kpi = ? AND period = ? AND gender = ? ORDER BY area_kind, area_id""")) {
            ps.setString(1, kpi);
            ps.setInt(2, year);
            ps.setString(3, gender.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal v = rs.getBigDecimal(3);
                    int count = rs.getInt(4);
                    Integer n = rs.wasNull() ? null : count;
                    out.add(new Comparison(
                            rs.getString(1),
                            rs.getString(2),
                            se.kvalitet.followup.domain.Numbers.plain(v),
                            n,
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Kolada values", e);
        }
        return out;
    }

    /** Deviation statistics for the units asked for, a page of units in tree order. */
    @Transactional
    public Page<StatisticsResponse> statistics(Period period, UUID orgUnitId, int depth, int page, int limit) {
        OrgTree tree = treeKnowing(orgUnitId);
        List<UUID> units = units(tree, orgUnitId, depth);
        Map<UUID, DerivedIndicators.Statistics> all = derived.statistics(period, tree);
        int first = Math.min(units.size(), (page - 1) * limit);
        int last = Math.min(units.size(), first + limit);
        List<StatisticsResponse> items = units.subList(first, last).stream()
                .map(u -> StatisticsResponse.of(all.get(u), tree, period.code()))
                .toList();
        return new Page<>(items, page, limit, units.size());
    }
}
