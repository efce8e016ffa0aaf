package se.kvalitet.followup.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.followup.Fixtures;

/**
 * Benchmark data written straight into the test database with SQL (the code under test only
 * reads it): a tree of 100 units (a board, 9 departments, 90 units) and indicators of criterion BENCH.
 */
final class BenchData {

    private BenchData() {}

    static final UUID ROOT = UUID.fromString("00000000-0000-4000-b000-000000000000");

    /** The 100 units, root first; created once. */
    static List<UUID> tree() throws SQLException {
        List<UUID> units = new ArrayList<>();
        units.add(ROOT);
        try (Connection c = Fixtures.db();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active) VALUES ('"
                    + ROOT + "', DATE '2000-01-01', NULL, 'Bänknämnd', 'BOARD', TRUE) ON CONFLICT DO NOTHING");
            for (int d = 1; d <= 9; d++) {
                UUID dept = UUID.fromString("00000000-0000-4000-b000-0000000000" + d + "0");
                units.add(dept);
                s.execute(
                        "INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active) VALUES ('"
                                + dept + "', DATE '2000-01-01', '" + ROOT + "', 'Avdelning " + d
                                + "', 'DEPARTMENT', TRUE) ON CONFLICT DO NOTHING");
                for (int u = 1; u <= 10; u++) {
                    UUID unit = UUID.fromString("00000000-0000-4000-b000-00000000" + d + String.format("%03d", u));
                    units.add(unit);
                    s.execute(
                            "INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active) VALUES ('"
                                    + unit + "', DATE '2000-01-01', '" + dept + "', 'Enhet " + d + "." + u
                                    + "', 'UNIT', TRUE) ON CONFLICT DO NOTHING");
                }
            }
            s.execute(
                    "INSERT INTO quality_criterion (code, name_sv, name_en, sort_order) VALUES ('BENCH', 'Bänk', 'Bench', 99) ON CONFLICT DO NOTHING");
        }
        return units;
    }

    /** {@code n} PERCENT indicators BENCH-<prefix>-00001... with a målvärde (at least 50 %), unless they exist. */
    static void indicators(String prefix, int n) throws SQLException {
        try (Connection c = Fixtures.db();
                Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO indicator (id, code, name, criterion_code, unit_of_measure, method, frequency, decimals, gender_split,
                                           min_responses, created_at, updated_at)
                    SELECT gen_random_uuid(), 'BENCH-%1$s-' || lpad(g::text, 5, '0'), 'Bänkindikator ' || g, 'BENCH', 'PERCENT', 'SURVEY',
                           'YEARLY', 1, FALSE, 5, now(), now()
                    FROM generate_series(1, %2$d) g
                    ON CONFLICT (code) DO NOTHING""".formatted(prefix, n));
            s.execute("""
                    INSERT INTO indicator_target (id, indicator_id, valid_from_period, valid_from, comparator, target_value, created_at)
                    SELECT gen_random_uuid(), i.id, '2020', DATE '2020-01-01', 'AT_LEAST', 50, now()
                    FROM indicator i WHERE i.code LIKE 'BENCH-%1$s-%%'
                    ON CONFLICT DO NOTHING""".formatted(prefix));
        }
    }

    /** Measurements of every BENCH-<prefix> indicator at every leaf unit for the given years, unless there are some. */
    static long measurements(String prefix, int fromYear, int toYear) throws SQLException {
        try (Connection c = Fixtures.db();
                Statement s = c.createStatement()) {
            long have = Fixtures.count(
                    "SELECT count(*) FROM measurement m JOIN indicator i ON i.id = m.indicator_id WHERE i.code LIKE 'BENCH-"
                            + prefix + "-%'");
            if (have > 0) {
                return have;
            }
            s.execute("SET synchronous_commit = off");
            return s.executeUpdate("""
                    INSERT INTO measurement (id, indicator_id, org_unit_id, period, period_type, period_start, period_end, gender,
                                             numerator, denominator, responses, response_rate, source, revision, recorded_by, created_at, updated_at)
                    SELECT gen_random_uuid(), i.id, u.id, y::text, 'YEAR', make_date(y, 1, 1), make_date(y, 12, 31), 'T',
                           (random() * 40)::int, 40, 40, round((20 + random() * 60)::numeric, 1), 'Bänk', 1, 'bench', now(), now()
                    FROM indicator i
                    CROSS JOIN (SELECT org_unit_id AS id FROM orgcopy_version WHERE type = 'UNIT' AND org_unit_id::text LIKE '00000000-0000-4000-b000-%%') u
                    CROSS JOIN generate_series(%2$d, %3$d) y
                    WHERE i.code LIKE 'BENCH-%1$s-%%'""".formatted(prefix, fromYear, toYear));
        }
    }
}
