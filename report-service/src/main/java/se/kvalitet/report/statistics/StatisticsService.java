package se.kvalitet.report.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.web.ProblemException;

/**
 * Computes {@link DeviationStatistics} in two steps: one grouped scan of the day cells of the
 * reports with a single unit (grouped by unit and day), plus the few reports that touch several
 * units one by one; then Java places each group under the unit's ancestors in its "org segment"
 * (the days between two changes of the organisation, during which every unit's ancestors are
 * constant). Distinct-report counting at every level follows: a single-unit group
 * adds to each ancestor once, a multi-unit report adds once to the union of its units' ancestors.
 */
@ApplicationScoped
public class StatisticsService {

    /** The measures of one group, in the order of {@link #MEASURES}. */
    static final List<String> MEASURES;
    static final int TOTAL = 0;
    static final int FIRST_CATEGORY = 1;
    static final int DEVIATIONS;
    static final int STAFF;
    static final int TRIAGED;
    static final int CLOSED;
    static final int FIRST_AUTHORITY;

    static {
        List<String> m = new ArrayList<>();
        m.add("TRUE");
        for (String c : StatisticsBits.CATEGORIES) {
            m.add("category_mask & " + StatisticsBits.bit(c) + " <> 0");
        }
        DEVIATIONS = m.size();
        m.add("category_mask <> " + StatisticsBits.bit("NOT_A_DEVIATION"));
        STAFF = m.size();
        m.add("channel = 'STAFF'");
        TRIAGED = m.size();
        m.add("flags & " + StatisticsBits.TRIAGED + " <> 0");
        CLOSED = m.size();
        m.add("flags & " + StatisticsBits.CLOSED + " <> 0");
        FIRST_AUTHORITY = m.size();
        for (StatisticsBits.AuthorityTrack t : StatisticsBits.AUTHORITY_TRACKS) {
            m.add("flags & " + t.reportable() + " <> 0");
            m.add("flags & " + t.notified() + " <> 0");
            m.add("flags & " + t.onTime() + " <> 0");
            m.add("flags & " + t.late() + " <> 0");
        }
        MEASURES = List.copyOf(m);
    }

    @Inject
    DataSource dataSource;

    /** The organisation history as stored now. */
    public OrgHistory history() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT org_unit_id, valid_from, parent_id, name, level, active FROM org_unit_version");
                ResultSet rs = ps.executeQuery()) {
            List<OrgHistory.Version> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(new OrgHistory.Version(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getBoolean(6)));
            }
            return new OrgHistory(versions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the organisation history", e);
        }
    }

    public DeviationStatistics compute(UUID root, LocalDate from, LocalDate to) {
        return compute(history(), root, from, to);
    }

    public DeviationStatistics compute(OrgHistory history, UUID root, LocalDate from, LocalDate to) {
        if (!history.knows(root)) {
            throw ProblemException.invalidField("orgUnit", "is not an org unit known from the registry's events");
        }
        List<LocalDate> changes = history.changeDates(from, to);
        Map<UUID, long[]> nodes = new HashMap<>();
        Map<String, long[]> months = new TreeMap<>();
        long[] unplaced = {0};
        // one row per report touching several units (partial index), its units aggregated by a join
        String singles = "SELECT f.org_unit_id, to_char(f.occurred_on, 'YYYY-MM'), f.occurred_on, array_agg(i.org_unit_id),\n"
                + String.join(",\n", MEASURES.stream().map(p -> "CASE WHEN " + p + " THEN 1 ELSE 0 END").toList())
                + "\nFROM deviation_fact f LEFT JOIN deviation_fact_involved_unit i ON i.deviation_id = f.deviation_id"
                + "\nWHERE f.occurred_on BETWEEN ? AND ? AND f.multi_unit GROUP BY f.deviation_id";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(GROUPED)) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                ps.setFetchSize(10_000);
                Map<LocalDate, String> monthOf = new HashMap<>();
                Map<LocalDate, LocalDate> segmentOf = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID unit = rs.getObject(1, UUID.class);
                        LocalDate day = rs.getObject(2, LocalDate.class);
                        long[] v = unpack(rs, 3);
                        // the organisation is constant between two change dates: place by the segment's first day
                        LocalDate segment = segmentOf.computeIfAbsent(day, d -> segmentStart(changes, from, d));
                        List<UUID> up = history.ancestorsOn(unit, segment);
                        if (up.isEmpty()) {
                            unplaced[0] += v[TOTAL];
                            continue;
                        }
                        int at = up.indexOf(root);
                        if (at < 0) {
                            continue;
                        }
                        for (int k = 0; k <= at; k++) {
                            add(nodes.computeIfAbsent(up.get(k), x -> new long[MEASURES.size()]), v);
                        }
                        String month = monthOf.computeIfAbsent(day, d -> d.toString().substring(0, 7));
                        add(months.computeIfAbsent(month, x -> new long[MEASURES.size()]), v);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(singles)) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID unit = rs.getObject(1, UUID.class);
                        String month = rs.getString(2);
                        LocalDate day = rs.getObject(3, LocalDate.class);
                        Set<UUID> touched = new LinkedHashSet<>();
                        touched.add(unit);
                        for (Object o : (Object[]) rs.getArray(4).getArray()) {
                            if (o != null) {
                                touched.add((UUID) o);
                            }
                        }
                        long[] v = measures(rs, 5);
                        Set<UUID> placed = new LinkedHashSet<>();
                        boolean known = false;
                        for (UUID u : touched) {
                            List<UUID> up = history.ancestorsOn(u, day);
                            known |= !up.isEmpty();
                            int at = up.indexOf(root);
                            if (at >= 0) {
                                placed.addAll(up.subList(0, at + 1));
                            }
                        }
                        if (!known) {
                            unplaced[0] += 1;
                            continue;
                        }
                        if (placed.isEmpty()) {
                            continue;
                        }
                        for (UUID p : placed) {
                            add(nodes.computeIfAbsent(p, x -> new long[MEASURES.size()]), v);
                        }
                        add(months.computeIfAbsent(month, x -> new long[MEASURES.size()]), v);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute deviation statistics", e);
        }
        return assemble(history, root, from, to, nodes, months, unplaced[0]);
    }

    /** The first day of the org segment {@code day} falls in: the latest change on or before it, else {@code from}. */
    static LocalDate segmentStart(List<LocalDate> changes, LocalDate from, LocalDate day) {
        LocalDate start = from;
        for (LocalDate c : changes) {
            if (c.isAfter(day)) {
                break;
            }
            start = c;
        }
        return start;
    }

    /**
     * The grouped scan: one row per (unit, day) of the single-unit reports, read from
     * {@code deviation_day_cell} (how many reports have each combination of category mask, channel and
     * flags per unit and day, kept by triggers on {@code deviation_fact} in the same transaction;
     * migration V6), so it reads combinations rather than reports. Every measure is a predicate over
     * those columns, weighted by the cell's count. The measures are counted three to a bigint (21 bits
     * each: a unit has far fewer than two million reports a day), which keeps the aggregate
     * transitions per row at nine instead of twenty-five.
     */
    static final String GROUPED;
    static final int PACK_BITS = 21;
    static final long PACK_MASK = (1L << PACK_BITS) - 1;

    static {
        List<String> packs = new ArrayList<>();
        for (int k = 1; k < MEASURES.size(); k += 3) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < 3 && k + j < MEASURES.size(); j++) {
                terms.add("CASE WHEN " + MEASURES.get(k + j) + " THEN " + (1L << (PACK_BITS * j)) + " ELSE 0 END");
            }
            packs.add("sum(reports * (" + String.join(" + ", terms) + "))::bigint");
        }
        GROUPED = "SELECT org_unit_id, occurred_on, sum(reports)::bigint, " + String.join(", ", packs)
                + " FROM deviation_day_cell WHERE occurred_on BETWEEN ? AND ? GROUP BY 1, 2";
    }

    private static long[] unpack(ResultSet rs, int firstColumn) throws SQLException {
        long[] v = new long[MEASURES.size()];
        v[TOTAL] = rs.getLong(firstColumn);
        int column = firstColumn + 1;
        for (int k = 1; k < v.length; k += 3) {
            long packed = rs.getLong(column++);
            for (int j = 0; j < 3 && k + j < v.length; j++) {
                v[k + j] = (packed >>> (PACK_BITS * j)) & PACK_MASK;
            }
        }
        return v;
    }

    private static long[] measures(ResultSet rs, int firstColumn) throws SQLException {
        long[] v = new long[MEASURES.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = rs.getLong(firstColumn + k);
        }
        return v;
    }

    private static void add(long[] into, long[] v) {
        for (int k = 0; k < v.length; k++) {
            into[k] += v[k];
        }
    }

    private DeviationStatistics assemble(OrgHistory history, UUID root, LocalDate from, LocalDate to,
            Map<UUID, long[]> nodes, Map<String, long[]> months, long unplaced) {
        long[] zero = new long[MEASURES.size()];
        List<DeviationStatistics.Row> rows = new ArrayList<>();
        for (OrgHistory.Node n : history.tree(root, from, to)) {
            long[] v = nodes.getOrDefault(n.unitId(), zero);
            rows.add(new DeviationStatistics.Row(n.unitId(), n.parentId(), n.name(), n.level(), n.depth(), categories(v),
                    v[TOTAL]));
        }
        long[] all = nodes.getOrDefault(root, zero);
        long assignments = 0;
        for (int k = 0; k < StatisticsBits.CATEGORIES.size(); k++) {
            assignments += all[FIRST_CATEGORY + k];
        }
        Map<String, Share> shares = new LinkedHashMap<>();
        for (int k = 0; k < StatisticsBits.CATEGORIES.size(); k++) {
            String cat = StatisticsBits.CATEGORIES.get(k);
            long denominator = cat.equals("NOT_A_DEVIATION") ? all[TOTAL] : all[DEVIATIONS];
            shares.put(cat, Share.of(all[FIRST_CATEGORY + k], denominator));
        }
        List<DeviationStatistics.Authority> authority = new ArrayList<>();
        for (int t = 0; t < StatisticsBits.AUTHORITY_TRACKS.size(); t++) {
            StatisticsBits.AuthorityTrack track = StatisticsBits.AUTHORITY_TRACKS.get(t);
            int base = FIRST_AUTHORITY + 4 * t;
            long reports = all[FIRST_CATEGORY + StatisticsBits.CATEGORIES.indexOf(track.trackType())];
            long notified = all[base + 1];
            authority.add(new DeviationStatistics.Authority(track.trackType(), track.authority(), reports, all[base],
                    notified, all[base + 2], all[base + 3], Share.of(notified, reports), Share.of(all[base + 2], notified)));
        }
        List<DeviationStatistics.Period> byMonth = new ArrayList<>();
        Map<String, long[]> tertials = new TreeMap<>();
        for (Map.Entry<String, long[]> m : months.entrySet()) {
            byMonth.add(new DeviationStatistics.Period(m.getKey(), m.getValue()[TOTAL], categories(m.getValue())));
            add(tertials.computeIfAbsent(tertial(m.getKey()), x -> new long[MEASURES.size()]), m.getValue());
        }
        List<DeviationStatistics.Period> byTertial = tertials.entrySet().stream()
                .map(e -> new DeviationStatistics.Period(e.getKey(), e.getValue()[TOTAL], categories(e.getValue()))).toList();
        List<DeviationStatistics.Column> columns = StatisticsBits.CATEGORIES.stream()
                .map(c -> new DeviationStatistics.Column(c, StatisticsBits.label(c))).toList();
        return new DeviationStatistics(root, history.nameOn(root, to), from, to, columns, rows, all[TOTAL], all[DEVIATIONS],
                assignments, all[TRIAGED], all[CLOSED], all[STAFF], unplaced, shares, authority, byMonth, byTertial);
    }

    /** {@code 2025-05} → {@code 2025-T2}. */
    static String tertial(String month) {
        int m = Integer.parseInt(month.substring(5, 7));
        return month.substring(0, 4) + "-T" + ((m - 1) / 4 + 1);
    }

    private static Map<String, Long> categories(long[] v) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int k = 0; k < StatisticsBits.CATEGORIES.size(); k++) {
            counts.put(StatisticsBits.CATEGORIES.get(k), v[FIRST_CATEGORY + k]);
        }
        return counts;
    }

    /**
     * Sums {@code value} per {@code key} over the rows of {@code sql} that sit under {@code root}:
     * the query returns (org unit, a day of its org segment, key, value), grouped so that each row's
     * day stands for its segment. Used for root causes, actions, deadlines and follow-up facts.
     */
    public Map<String, Long> placedSums(OrgHistory history, UUID root, String sql, Object... params) {
        Map<String, Long> sums = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID unit = rs.getObject(1, UUID.class);
                    LocalDate day = rs.getObject(2, LocalDate.class);
                    if (unit == null || day == null || !history.ancestorsOn(unit, day).contains(root)) {
                        continue;
                    }
                    sums.merge(rs.getString(3), rs.getLong(4), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not aggregate " + sql, e);
        }
        return sums;
    }

    /** Raw rows of {@code sql} whose first two columns (org unit, day) sit under {@code root}; columns from the third on. */
    public List<Object[]> placedRows(OrgHistory history, UUID root, String sql, Object... params) {
        List<Object[]> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    UUID unit = rs.getObject(1, UUID.class);
                    LocalDate day = rs.getObject(2, LocalDate.class);
                    if (unit == null || day == null || !history.ancestorsOn(unit, day).contains(root)) {
                        continue;
                    }
                    Object[] row = new Object[n - 2];
                    for (int k = 3; k <= n; k++) {
                        row[k - 3] = rs.getObject(k);
                    }
                    out.add(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + sql, e);
        }
        return out;
    }
}
