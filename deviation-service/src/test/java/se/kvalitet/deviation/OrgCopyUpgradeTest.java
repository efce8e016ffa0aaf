package se.kvalitet.deviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgUnit;
import se.kvalitet.testing.PostgresServer;

/**
 * An existing database migrates forward: a database at V8 with units in the old {@code org_unit_copy}
 * gets platform/orgcopy's table (out of order) and V9 carries the units over. Runs on the test
 * PostgreSQL server in a database of its own, with Flyway as the service runs it.
 */
@QuarkusTest
class OrgCopyUpgradeTest {

    @Test
    void theOldCopyIsCarriedOverAndTheRegistrysNextSnapshotReplacesIt() throws Exception {
        PGSimpleDataSource ds = newDatabase("deviation_upgrade");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/messaging", "classpath:db/migration")
                .target("8")
                .load()
                .migrate();
        UUID board = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        UUID seeded = UUID.randomUUID();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO org_unit_copy (id, parent_id, name, type, valid_from, active, updated_at) VALUES "
                            + "('" + board + "', NULL, 'Nämnden', 'BOARD', DATE '2024-01-01', TRUE, now()), "
                            + "('" + closed + "', '" + board
                            + "', 'Hemtjänst', 'UNIT', DATE '2025-03-01', FALSE, now()), "
                            + "('" + seeded + "', '" + board
                            + "', 'Enhet 11', 'UNIT', DATE '1900-01-01', TRUE, now())");
        }

        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/messaging", "classpath:db/orgcopy", "classpath:db/migration")
                .outOfOrder(true)
                .load()
                .migrate();

        OrgCopy copy = new OrgCopy(ds);
        assertThat(copy.versions(closed))
                .extracting(OrgUnit::name, OrgUnit::parentId, OrgUnit::active, OrgUnit::validFrom)
                .containsExactly(tuple("Hemtjänst", board, false, LocalDate.of(2025, 3, 1)));
        assertThat(copy.activeByUnit(List.of(board, closed, seeded)))
                .containsEntry(board, true)
                .containsEntry(closed, false)
                .containsEntry(seeded, true);
        assertThat(copy.subtree(List.of(board))).containsExactlyInAnyOrder(board, closed, seeded);
        assertThat(value(ds, "SELECT to_regclass('org_unit_copy') IS NULL")).isEqualTo("t");

        // the carried-over row has no recording time: the registry's snapshot of the same day replaces it
        assertThat(copy.apply(new OrgUnitChangedV1(
                        closed,
                        null,
                        "Hemtjänst Syd",
                        "UNIT",
                        board,
                        LocalDate.of(2025, 3, 1),
                        false,
                        "CLOSED",
                        List.of(),
                        Instant.now())))
                .isEqualTo(OrgCopy.Applied.STORED);
        assertThat(copy.name(closed)).contains("Hemtjänst Syd");
        // the placeholder stayed provisional: the first real snapshot replaces it
        copy.apply(new OrgUnitChangedV1(
                seeded,
                null,
                "Hemtjänst Norr",
                "UNIT",
                board,
                LocalDate.of(2025, 1, 1),
                true,
                "CREATED",
                List.of(),
                Instant.now()));
        assertThat(copy.versions(seeded)).extracting(OrgUnit::name).containsExactly("Hemtjänst Norr");
    }

    /** A new database on the test PostgreSQL server. */
    static PGSimpleDataSource newDatabase(String name) throws Exception {
        String url = System.getProperty("kvalitet.test.jdbc-url");
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url.substring(0, url.lastIndexOf('/') + 1) + name);
        ds.setUser(PostgresServer.USER);
        ds.setPassword(PostgresServer.PASSWORD);
        return ds;
    }

    static String value(PGSimpleDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
