package se.kvalitet.followup.derived;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.followup.derived.DerivedIndicators.Share;
import se.kvalitet.followup.domain.Enums.DerivedMetric;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.support.Today;
import se.kvalitet.orgcopy.OrgTree;

/**
 * The SQL behind the derived indicators: counts, shares, medians over the facts copied from
 * deviation events, each per unit and every unit above it in one pass (the tree's (unit, ancestor)
 * pairs bound as two {@code uuid[]} arrays and unnested). JDBC, because those arrays are bound with
 * {@link Connection#createArrayOf} on the statement's own connection.
 */
@ApplicationScoped
public class DerivedFactQueries {

    @Inject
    Today today;

    /** A median and how many values it is the median of. */
    record Median(BigDecimal median, long count) {}

    /** The pairs (unit, ancestor-or-self) of the tree as two SQL arrays. */
    private static Array[] ancestry(Connection c, OrgTree tree) throws SQLException {
        List<UUID> units = new ArrayList<>();
        List<UUID> ancestors = new ArrayList<>();
        tree.ancestorsAndSelf()
                .forEach((u, chain) -> chain.forEach(a -> {
                    units.add(u);
                    ancestors.add(a);
                }));
        return new Array[] {c.createArrayOf("uuid", units.toArray()), c.createArrayOf("uuid", ancestors.toArray())};
    }

    private static final String ANC = "WITH anc(unit, ancestor) AS (SELECT * FROM unnest(?::uuid[], ?::uuid[])) ";

    Map<UUID, Long> counts(Connection c, OrgTree tree, Period p, DeviationCategory category) throws SQLException {
        String sql = ANC + """
                SELECT anc.ancestor, count(DISTINCT f.deviation_id)
                FROM deviation_fact f
                JOIN deviation_fact_unit fu ON fu.deviation_id = f.deviation_id
                JOIN anc ON anc.unit = fu.org_unit_id
                WHERE f.reported_on BETWEEN ? AND ?"""
                + (category == null
                        ? ""
                        : " AND EXISTS (SELECT 1 FROM deviation_fact_category fc WHERE fc.deviation_id = f.deviation_id AND fc.category = ?)")
                + " GROUP BY anc.ancestor";
        Map<UUID, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, c, tree, p);
            if (category != null) {
                ps.setString(i, category.name());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return out;
    }

    Map<UUID, Map<DeviationCategory, Long>> categoryCounts(Connection c, OrgTree tree, Period p) throws SQLException {
        String sql = ANC + """
                SELECT anc.ancestor, fc.category, count(DISTINCT f.deviation_id)
                FROM deviation_fact f
                JOIN deviation_fact_category fc ON fc.deviation_id = f.deviation_id
                JOIN deviation_fact_unit fu ON fu.deviation_id = f.deviation_id
                JOIN anc ON anc.unit = fu.org_unit_id
                WHERE f.reported_on BETWEEN ? AND ?
                GROUP BY anc.ancestor, fc.category""";
        Map<UUID, Map<DeviationCategory, Long>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, c, tree, p);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new EnumMap<>(DeviationCategory.class))
                            .put(DeviationCategory.valueOf(rs.getString(2)), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /**
     * Shares over tracks of the reports received in the period (reclassified tracks left out):
     * lex Sarah judged allvarligt and notified to IVO; data breaches notified to IMY; of the data
     * breaches that were to be notified (assessed reportable, or notified), those notified within 72 hours.
     */
    Map<UUID, Share> trackShares(Connection c, OrgTree tree, Period p, DerivedMetric metric) throws SQLException {
        String type;
        String numerator;
        String population;
        switch (metric) {
            case LEX_SARAH_SERIOUS_NOTIFIED_SHARE -> {
                type = "LEX_SARAH";
                numerator = "t.serious AND t.notified";
                population = "TRUE";
            }
            case DATA_BREACH_NOTIFIED_SHARE -> {
                type = "PERSONAL_DATA_BREACH";
                numerator = "t.notified";
                population = "TRUE";
            }
            case DATA_BREACH_NOTIFIED_WITHIN_72H_SHARE -> {
                type = "PERSONAL_DATA_BREACH";
                numerator = "t.notified AND t.notified_on_time";
                population = "(t.notified OR coalesce(t.reportable, FALSE))";
            }
            default -> throw new IllegalArgumentException(metric.name());
        }
        String sql = ANC + """
                SELECT anc.ancestor,
                       count(DISTINCT f.deviation_id) FILTER (WHERE %s),
                       count(DISTINCT f.deviation_id)
                FROM deviation_track_fact t
                JOIN deviation_fact f ON f.deviation_id = t.deviation_id
                JOIN deviation_fact_unit fu ON fu.deviation_id = f.deviation_id
                JOIN anc ON anc.unit = fu.org_unit_id
                WHERE f.reported_on BETWEEN ? AND ? AND t.track_type = ? AND NOT t.reclassified AND %s
                GROUP BY anc.ancestor""".formatted(numerator, population);
        Map<UUID, Share> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, c, tree, p);
            ps.setString(i, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), new Share(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** Median calendar days from report to close of the reports closed in the period, each report once per unit. */
    Map<UUID, Median> medians(Connection c, OrgTree tree, Period p) throws SQLException {
        String sql = ANC + """
                SELECT d.ancestor, percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days_to_close), count(*)
                FROM (SELECT DISTINCT anc.ancestor, f.deviation_id, f.days_to_close
                      FROM deviation_fact f
                      JOIN deviation_fact_unit fu ON fu.deviation_id = f.deviation_id
                      JOIN anc ON anc.unit = fu.org_unit_id
                      WHERE f.closed_on BETWEEN ? AND ? AND f.days_to_close IS NOT NULL) d
                GROUP BY d.ancestor""";
        Map<UUID, Median> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, c, tree, p);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getObject(1, UUID.class),
                            new Median(rs.getBigDecimal(2).stripTrailingZeros(), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /**
     * Actions (åtgärder) due in the period, by the unit responsible for them, that are done or past
     * due: the share done by their due date (an action not yet due is not judged).
     */
    Map<UUID, Share> actions(Connection c, OrgTree tree, Period p) throws SQLException {
        String sql = ANC + """
                SELECT anc.ancestor, count(*) FILTER (WHERE a.on_time), count(*)
                FROM deviation_action_fact a
                JOIN anc ON anc.unit = a.org_unit_id
                WHERE a.due_date BETWEEN ? AND ? AND (a.done_date IS NOT NULL OR a.due_date < ?)
                GROUP BY anc.ancestor""";
        Map<UUID, Share> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, c, tree, p);
            ps.setDate(i, Date.valueOf(today.date()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), new Share(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** Binds the ancestry arrays and the period's first and last day; returns the next parameter index. */
    private static int bind(PreparedStatement ps, Connection c, OrgTree tree, Period p) throws SQLException {
        Array[] a = ancestry(c, tree);
        ps.setArray(1, a[0]);
        ps.setArray(2, a[1]);
        ps.setDate(3, Date.valueOf(p.start()));
        ps.setDate(4, Date.valueOf(p.end()));
        return 5;
    }
}
