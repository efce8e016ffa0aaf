package se.kvalitet.orgcopy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.orgcopy.OrgCopy.Applied;
import se.kvalitet.testing.PostgresServer;

/** The copy against a real PostgreSQL with the module's migration, a fresh database per test. */
class OrgCopyTest {

    static final LocalDate JAN = LocalDate.of(2025, 1, 1);
    static final LocalDate JUL = LocalDate.of(2025, 7, 1);
    static final LocalDate OCT = LocalDate.of(2025, 10, 1);
    static final Instant T0 = Instant.parse("2025-01-01T08:00:00Z");

    static PostgresServer pg;
    static int databases;

    PGSimpleDataSource ds;
    OrgCopy copy;

    final UUID board = UUID.randomUUID();
    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();
    final UUID unit = UUID.randomUUID();

    @BeforeAll
    static void start() {
        pg = PostgresServer.start(0, null, true);
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    @BeforeEach
    void database() throws Exception {
        databases++;
        String name = "orgcopy" + databases;
        pg.createDatabase(name);
        ds = new PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl(name));
        ds.setUser(PostgresServer.USER);
        ds.setPassword(PostgresServer.PASSWORD);
        try (Connection c = ds.getConnection();
                InputStream in = OrgCopyTest.class.getResourceAsStream("/db/orgcopy/V0_100_1__orgcopy_version.sql")) {
            c.createStatement().execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        copy = new OrgCopy(ds);
    }

    static OrgUnitChangedV1 snapshot(
            UUID id, UUID parent, String name, LocalDate from, boolean active, String change, int minute) {
        return new OrgUnitChangedV1(
                id,
                null,
                name,
                parent == null ? "BOARD" : "UNIT",
                parent,
                from,
                active,
                change,
                List.of(),
                T0.plusSeconds(60L * minute));
    }

    /** Board with departments A and B; the unit under A from January. */
    void organisation() {
        copy.apply(snapshot(board, null, "Nämnden", JAN, true, "CREATED", 0));
        copy.apply(snapshot(a, board, "Äldreomsorg", JAN, true, "CREATED", 1));
        copy.apply(snapshot(b, board, "Funktionsstöd", JAN, true, "CREATED", 2));
        copy.apply(snapshot(unit, a, "Hemtjänst", JAN, true, "CREATED", 3));
    }

    @Test
    void snapshotsArrivingOutOfOrderEndAsTheRegistryRecordedThem() {
        // the rename from July arrives before the creation in January
        assertThat(copy.apply(snapshot(unit, a, "Hemtjänst norr", JUL, true, "RENAMED", 10)))
                .isEqualTo(Applied.STORED);
        assertThat(copy.unit(unit))
                .get()
                .extracting(OrgUnit::name, OrgUnit::validFrom, OrgUnit::validTo)
                .containsExactly("Hemtjänst norr", JUL, null);
        assertThat(copy.apply(snapshot(unit, a, "Hemtjänst", JAN, true, "CREATED", 3)))
                .isEqualTo(Applied.STORED);

        assertThat(copy.versions(unit))
                .extracting(OrgUnit::name, OrgUnit::validFrom, OrgUnit::validTo)
                .containsExactly(tuple("Hemtjänst", JAN, JUL), tuple("Hemtjänst norr", JUL, null));
        assertThat(copy.name(unit)).contains("Hemtjänst norr");
        assertThat(copy.nameOn(unit, JUL.minusDays(1))).contains("Hemtjänst");
        assertThat(copy.nameOn(unit, JUL)).contains("Hemtjänst norr");
        assertThat(copy.nameOn(unit, JAN.minusDays(1))).isEmpty();
    }

    @Test
    void anOlderSnapshotOfTheSameDayNeverOverwritesANewerOneAndARepeatChangesNothing() {
        OrgUnitChangedV1 first = snapshot(unit, a, "Hemtjänst", JUL, true, "CREATED", 3);
        OrgUnitChangedV1 sameDayRename = snapshot(unit, a, "Hemtjänst och boendestöd", JUL, true, "CREATED", 4);
        assertThat(copy.apply(sameDayRename)).isEqualTo(Applied.STORED);
        assertThat(copy.apply(first)).isEqualTo(Applied.STALE);
        assertThat(copy.apply(sameDayRename)).isEqualTo(Applied.STALE);
        assertThat(copy.versions(unit)).extracting(OrgUnit::name).containsExactly("Hemtjänst och boendestöd");

        // in order, the later recorded one replaces the earlier
        UUID other = UUID.randomUUID();
        copy.apply(snapshot(other, a, "Boende", JUL, true, "CREATED", 3));
        assertThat(copy.apply(snapshot(other, a, "Boende väst", JUL, true, "CREATED", 5)))
                .isEqualTo(Applied.STORED);
        assertThat(copy.versions(other)).extracting(OrgUnit::name).containsExactly("Boende väst");
    }

    @Test
    void aMoveBetweenParentsChangesTheSubtreesFromItsDayOnly() {
        organisation();
        copy.apply(snapshot(unit, b, "Hemtjänst", JUL, true, "MOVED", 20));

        assertThat(copy.parent(unit)).contains(b);
        assertThat(copy.parentOn(unit, JUL.minusDays(1))).contains(a);
        assertThat(copy.subtree(List.of(a))).containsExactlyInAnyOrder(a);
        assertThat(copy.subtree(List.of(b))).containsExactlyInAnyOrder(b, unit);
        assertThat(copy.subtree(List.of(board))).containsExactlyInAnyOrder(board, a, b, unit);
        assertThat(copy.subtreeOn(List.of(a), JUL.minusDays(1))).containsExactlyInAnyOrder(a, unit);
        assertThat(copy.subtreeOn(List.of(b), JUL.minusDays(1))).containsExactlyInAnyOrder(b);
        assertThat(copy.ancestors(unit)).containsExactly(unit, b, board);
        assertThat(copy.ancestorsOn(unit, JUL.minusDays(1))).containsExactly(unit, a, board);
        // before the unit existed it is nowhere
        assertThat(copy.subtreeOn(List.of(a), JAN.minusDays(1))).containsExactly(a);
        assertThat(copy.ancestorsOn(unit, JAN.minusDays(1))).containsExactly(unit);

        assertThat(copy.tree().parent(unit)).isEqualTo(b);
        assertThat(copy.tree().descendants(board)).containsExactlyInAnyOrder(a, b, unit);
        OrgHistory history = copy.history();
        assertThat(history.ancestorsOn(unit, JUL.minusDays(1))).containsExactly(unit, a, board);
        assertThat(history.ancestorsOn(unit, JUL)).containsExactly(unit, b, board);
    }

    @Test
    void aClosedUnitStaysInTheTreeAsInactiveFromItsClosingDay() {
        organisation();
        copy.apply(snapshot(unit, a, "Hemtjänst", OCT, false, "CLOSED", 30));

        assertThat(copy.activeByUnit(List.of(unit, a, UUID.randomUUID()))).isEqualTo(Map.of(unit, false, a, true));
        assertThat(copy.activeByUnitOn(List.of(unit), OCT.minusDays(1))).isEqualTo(Map.of(unit, true));
        assertThat(copy.activeByUnitOn(List.of(unit), JAN.minusDays(1))).isEmpty();
        assertThat(copy.subtree(List.of(a))).containsExactlyInAnyOrder(a, unit);
        assertThat(copy.unitOn(unit, OCT)).get().extracting(OrgUnit::active).isEqualTo(false);
        assertThat(copy.knows(unit)).isTrue();
        assertThat(copy.knows(UUID.randomUUID())).isFalse();
    }

    @Test
    void unknownUnitsAreTheirOwnSubtreeAndChain() {
        UUID stranger = UUID.randomUUID();
        assertThat(copy.subtree(List.of(stranger))).containsExactly(stranger);
        assertThat(copy.ancestors(stranger)).containsExactly(stranger);
        assertThat(copy.unit(stranger)).isEmpty();
        assertThat(copy.subtree(List.of())).isEmpty();
    }

    @Test
    void aSeededUnitIsReplacedByTheFirstRealSnapshotAndNeverOverwritesOne() {
        copy.seed(a, board, "Avdelning A", "DEPARTMENT");
        copy.seed(a, board, "Avdelning A igen", "DEPARTMENT");
        assertThat(copy.versions(a))
                .extracting(OrgUnit::name, OrgUnit::validFrom)
                .containsExactly(tuple("Avdelning A", OrgCopy.PROVISIONAL_FROM));

        copy.apply(snapshot(a, board, "Äldreomsorg", JUL, true, "CREATED", 1));
        assertThat(copy.versions(a))
                .extracting(OrgUnit::name, OrgUnit::validFrom)
                .containsExactly(tuple("Äldreomsorg", JUL));
        copy.seed(a, board, "Avdelning A", "DEPARTMENT");
        assertThat(copy.versions(a)).extracting(OrgUnit::name).containsExactly("Äldreomsorg");
    }

    @Test
    void theTreeQueriesAreServedByIndexesAtARealisticSize() throws Exception {
        // 5 000 units ten to a parent (1-9 the roots), three snapshots each (two reorganisations that shift
        // the parents): 15 000 rows
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO orgcopy_version (org_unit_id, valid_from, valid_to, parent_id, name, type, active, changed_at)
                    SELECT md5('u' || i)::uuid, make_date(y, 1, 1), CASE WHEN y < 2024 THEN make_date(y + 2, 1, 1) END,
                           CASE WHEN i >= 10 THEN md5('u' || ((i + 2024 - y) / 10))::uuid END, 'Enhet ' || i, 'UNIT', TRUE,
                           now()
                    FROM generate_series(1, 5000) i CROSS JOIN (VALUES (2020), (2022), (2024)) AS t(y)""");
            s.execute("ANALYZE orgcopy_version");
        }
        String parent = "md5('u' || 40)::uuid";
        String unit = "md5('u' || 4321)::uuid";
        String onDay =
                " AND v.valid_from <= DATE '2023-07-01' AND (v.valid_to IS NULL OR v.valid_to > DATE '2023-07-01')";
        assertThat(plan("SELECT org_unit_id FROM orgcopy_version v WHERE v.parent_id = " + parent
                        + " AND v.valid_to IS NULL"))
                .doesNotContain("Seq Scan")
                .containsAnyOf("orgcopy_version_latest_parent", "orgcopy_version_parent_from");
        assertThat(plan("SELECT org_unit_id FROM orgcopy_version v WHERE v.parent_id = " + parent + onDay))
                .doesNotContain("Seq Scan")
                .contains("orgcopy_version_parent_from");
        assertThat(plan("SELECT parent_id FROM orgcopy_version v WHERE v.org_unit_id = " + unit
                        + " AND v.valid_to IS NULL"))
                .doesNotContain("Seq Scan")
                .contains("orgcopy_version_pkey");
        assertThat(plan("SELECT parent_id FROM orgcopy_version v WHERE v.org_unit_id = " + unit + onDay))
                .doesNotContain("Seq Scan")
                .contains("orgcopy_version_pkey");
        // and the queries answer over it: in 2022-2023 unit 4321 sat under (4321 + 2) / 10 = 432, today under 432 too
        assertThat(copy.ancestorsOn(uuid(unit), LocalDate.of(2023, 7, 1)))
                .containsExactly(uuid(unit), uuid("md5('u' || 432)"), uuid("md5('u' || 43)"), uuid("md5('u' || 4)"));
        assertThat(copy.parentOn(uuid("md5('u' || 4329)"), LocalDate.of(2021, 1, 1)))
                .contains(uuid("md5('u' || 433)"));
        assertThat(copy.subtree(List.of(uuid("md5('u' || 1)")))).hasSize(1 + 10 + 100 + 1000);
    }

    UUID uuid(String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (" + sql + ")::uuid")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    String plan(String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
