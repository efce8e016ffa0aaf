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
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgHistory;
import se.kvalitet.report.rows.RowMapper;
import se.kvalitet.report.rows.Rows;
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

    @Inject
    OrgCopy orgCopy;

    /** The organisation history as stored now (platform/orgcopy). */
    public OrgHistory history() {
        return orgCopy.history();
    }

    public DeviationStatistics compute(UUID root, LocalDate from, LocalDate to) {
        return compute(history(), root, from, to);
    }

    public DeviationStatistics compute(OrgHistory history, UUID root, LocalDate from, LocalDate to) {
        if (!history.knows(root)) {
            throw ProblemException.invalidField("orgUnit", "is not an org unit known from the registry's events");
        }
        Tally tally = new Tally();
        scanSingleUnitReports(history, root, from, to, tally);
        scanMultiUnitReports(history, root, from, to, tally);
        return assemble(history, root, from, to, tally.nodes, tally.months, tally.unplaced);
    }

    /** What the scans add up: measures per unit (with every unit above it) and per month, and the unplaced reports. */
    private static final class Tally {
        final Map<UUID, long[]> nodes = new HashMap<>();
        final Map<String, long[]> months = new TreeMap<>();
        long unplaced;

        void add(UUID unit, long[] v) {
            StatisticsService.add(nodes.computeIfAbsent(unit, x -> new long[MEASURES.size()]), v);
        }

        void addMonth(String month, long[] v) {
            StatisticsService.add(months.computeIfAbsent(month, x -> new long[MEASURES.size()]), v);
        }
    }

    /** The grouped scan of the day cells (single-unit reports), placed per org segment. */
    private void scanSingleUnitReports(OrgHistory history, UUID root, LocalDate from, LocalDate to, Tally tally) {
        List<LocalDate> changes = history.changeDates(from, to);
        Map<LocalDate, String> monthOf = new HashMap<>();
        Map<LocalDate, LocalDate> segmentOf = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(GROUPED)) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID unit = rs.getObject("org_unit_id", UUID.class);
                    LocalDate day = rs.getObject("occurred_on", LocalDate.class);
                    long[] v = unpack(rs);
                    // the organisation is constant between two change dates: place by the segment's first day
                    LocalDate segment = segmentOf.computeIfAbsent(day, d -> segmentStart(changes, from, d));
                    List<UUID> up = history.ancestorsOn(unit, segment);
                    if (up.isEmpty()) {
                        tally.unplaced += v[TOTAL];
                        continue;
                    }
                    int at = up.indexOf(root);
                    if (at < 0) {
                        continue;
                    }
                    for (int k = 0; k <= at; k++) {
                        tally.add(up.get(k), v);
                    }
                    tally.addMonth(
                            monthOf.computeIfAbsent(day, d -> d.toString().substring(0, 7)), v);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute deviation statistics", e);
        }
    }

    /** One row per report touching several units (partial index), its units aggregated by a join. */
    static final String MULTI_UNIT = "SELECT f.org_unit_id, f.occurred_on, array_agg(i.org_unit_id) AS involved,\n"
            + String.join(
                    ",\n",
                    java.util.stream.IntStream.range(0, MEASURES.size())
                            .mapToObj(k -> "CASE WHEN " + MEASURES.get(k) + " THEN 1 ELSE 0 END AS m" + k)
                            .toList())
            + "\nFROM deviation_fact f LEFT JOIN deviation_fact_involved_unit i ON i.deviation_id = f.deviation_id"
            + "\nWHERE f.occurred_on BETWEEN ? AND ? AND f.multi_unit GROUP BY f.deviation_id";

    /** Each report touching several units counts once in the union of its units' ancestors. */
    private void scanMultiUnitReports(OrgHistory history, UUID root, LocalDate from, LocalDate to, Tally tally) {
        Rows.each(
                dataSource,
                MULTI_UNIT,
                r -> {
                    LocalDate day = r.date("occurred_on");
                    Set<UUID> touched = new LinkedHashSet<>();
                    touched.add(r.uuid("org_unit_id"));
                    touched.addAll(r.uuids("involved"));
                    long[] v = new long[MEASURES.size()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = r.longValue("m" + k);
                    }
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
                        tally.unplaced += 1;
                        return;
                    }
                    if (placed.isEmpty()) {
                        return;
                    }
                    placed.forEach(p -> tally.add(p, v));
                    tally.addMonth(day.toString().substring(0, 7), v);
                },
                from,
                to);
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
            packs.add("sum(reports * (" + String.join(" + ", terms) + "))::bigint AS pack" + packs.size());
        }
        GROUPED = "SELECT org_unit_id, occurred_on, sum(reports)::bigint AS reports, " + String.join(", ", packs)
                + " FROM deviation_day_cell WHERE occurred_on BETWEEN ? AND ? GROUP BY 1, 2";
    }

    private static long[] unpack(ResultSet rs) throws SQLException {
        long[] v = new long[MEASURES.size()];
        v[TOTAL] = rs.getLong("reports");
        int pack = 0;
        for (int k = 1; k < v.length; k += 3) {
            long packed = rs.getLong("pack" + pack++);
            for (int j = 0; j < 3 && k + j < v.length; j++) {
                v[k + j] = (packed >>> (PACK_BITS * j)) & PACK_MASK;
            }
        }
        return v;
    }

    private static void add(long[] into, long[] v) {
        for (int k = 0; k < v.length; k++) {
            into[k] += v[k];
        }
    }

    private DeviationStatistics assemble(
            OrgHistory history,
            UUID root,
            LocalDate from,
            LocalDate to,
            Map<UUID, long[]> nodes,
            Map<String, long[]> months,
            long unplaced) {
        long[] zero = new long[MEASURES.size()];
        List<DeviationStatistics.Row> rows = new ArrayList<>();
        for (OrgHistory.Node n : history.tree(root, from, to)) {
            long[] v = nodes.getOrDefault(n.unitId(), zero);
            rows.add(new DeviationStatistics.Row(
                    n.unitId(), n.parentId(), n.name(), n.level(), n.depth(), categories(v), v[TOTAL]));
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
            authority.add(new DeviationStatistics.Authority(
                    track.trackType(),
                    track.authority(),
                    reports,
                    all[base],
                    notified,
                    all[base + 2],
                    all[base + 3],
                    Share.of(notified, reports),
                    Share.of(all[base + 2], notified)));
        }
        List<DeviationStatistics.Period> byMonth = new ArrayList<>();
        Map<String, long[]> tertials = new TreeMap<>();
        for (Map.Entry<String, long[]> m : months.entrySet()) {
            byMonth.add(new DeviationStatistics.Period(m.getKey(), m.getValue()[TOTAL], categories(m.getValue())));
            add(tertials.computeIfAbsent(tertial(m.getKey()), x -> new long[MEASURES.size()]), m.getValue());
        }
        List<DeviationStatistics.Period> byTertial = tertials.entrySet().stream()
                .map(e -> new DeviationStatistics.Period(e.getKey(), e.getValue()[TOTAL], categories(e.getValue())))
                .toList();
        List<DeviationStatistics.Column> columns = StatisticsBits.CATEGORIES.stream()
                .map(c -> new DeviationStatistics.Column(c, StatisticsBits.label(c)))
                .toList();
        return new DeviationStatistics(
                root,
                history.nameOn(root, to),
                from,
                to,
                columns,
                rows,
                all[TOTAL],
                all[DEVIATIONS],
                assignments,
                all[TRIAGED],
                all[CLOSED],
                all[STAFF],
                unplaced,
                shares,
                authority,
                byMonth,
                byTertial);
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
     * Sums column {@code value} per column {@code key} over the rows of {@code sql} that sit under
     * {@code root}: the query returns columns {@code place_unit} and {@code place_day} (a day of the
     * unit's org segment, grouped so that each row's day stands for its segment), {@code key} and
     * {@code value}. Used for root causes, assessments and deadlines.
     */
    public Map<String, Long> placedSums(OrgHistory history, UUID root, String sql, Object... params) {
        Map<String, Long> sums = new TreeMap<>();
        for (Placed<KeyCount> p :
                placed(history, root, sql, r -> new KeyCount(r.string("key"), r.longValue("value")), params)) {
            sums.merge(p.row().key(), p.row().count(), Long::sum);
        }
        return sums;
    }

    private record KeyCount(String key, long count) {}

    /** A row of a placed query with the unit it was placed by. */
    public record Placed<T>(UUID unit, LocalDate day, T row) {}

    /**
     * The rows of {@code sql} whose columns {@code place_unit} and {@code place_day} sit under
     * {@code root} (the unit on that day, in the organisation history), each mapped by name.
     */
    public <T> List<Placed<T>> placed(
            OrgHistory history, UUID root, String sql, RowMapper<T> mapper, Object... params) {
        List<Placed<T>> out = new ArrayList<>();
        Rows.each(
                dataSource,
                sql,
                r -> {
                    UUID unit = r.uuid("place_unit");
                    LocalDate day = r.date("place_day");
                    if (unit != null
                            && day != null
                            && history.ancestorsOn(unit, day).contains(root)) {
                        out.add(new Placed<>(unit, day, mapper.map(r)));
                    }
                },
                params);
        return out;
    }

    /** {@link #placed} without the placing unit. */
    public <T> List<T> placedRows(OrgHistory history, UUID root, String sql, RowMapper<T> mapper, Object... params) {
        return placed(history, root, sql, mapper, params).stream()
                .map(Placed::row)
                .toList();
    }
}
