package se.kvalitet.report;

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
 * An existing database migrates forward: a database at V7 with the organisation's history in the old
 * {@code org_unit_version} gets platform/orgcopy's table (out of order) and V8 carries every snapshot over. Runs on the test
 * PostgreSQL server in a database of its own, with Flyway as the service runs it.
 */
@QuarkusTest
class OrgCopyUpgradeTest {

    @Test
    void theOldHistoryIsCarriedOverWithItsValidity() throws Exception {
        PGSimpleDataSource ds = newDatabase("report_upgrade");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/messaging", "classpath:db/migration")
                .target("7")
                .load()
                .migrate();
        UUID board = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        LocalDate start = LocalDate.of(2024, 1, 1);
        LocalDate move = LocalDate.of(2025, 7, 1);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO org_unit_version (org_unit_id, valid_from, parent_id, name, level, active) VALUES "
                            + "('" + board + "', DATE '2024-01-01', NULL, 'Nämnden', 'BOARD', TRUE), "
                            + "('" + a + "', DATE '2024-01-01', '" + board + "', 'Äldreomsorg', 'DEPARTMENT', TRUE), "
                            + "('" + b + "', DATE '2024-01-01', '" + board + "', 'Funktionsstöd', 'DEPARTMENT', TRUE), "
                            + "('" + unit + "', DATE '2025-07-01', '" + b
                            + "', 'Hemtjänst och boendestöd', 'UNIT', TRUE), "
                            + "('" + unit + "', DATE '2024-01-01', '" + a + "', 'Hemtjänst', 'UNIT', TRUE)");
        }

        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/messaging", "classpath:db/orgcopy", "classpath:db/migration")
                .outOfOrder(true)
                .load()
                .migrate();

        OrgCopy copy = new OrgCopy(ds);
        assertThat(copy.versions(unit))
                .extracting(OrgUnit::name, OrgUnit::parentId, OrgUnit::validFrom, OrgUnit::validTo)
                .containsExactly(tuple("Hemtjänst", a, start, move), tuple("Hemtjänst och boendestöd", b, move, null));
        assertThat(copy.ancestorsOn(unit, move.minusDays(1))).containsExactly(unit, a, board);
        assertThat(copy.subtreeOn(List.of(b), move)).containsExactlyInAnyOrder(b, unit);
        assertThat(copy.history().nameOn(unit, move)).isEqualTo("Hemtjänst och boendestöd");
        assertThat(value(
                        ds,
                        "SELECT to_regclass('org_unit_version') IS NULL AND to_regclass('org_unit_closure') IS NULL"))
                .isEqualTo("t");

        // the registry's next snapshot of a carried-over day replaces it and keeps the chain
        copy.apply(new OrgUnitChangedV1(
                unit, null, "Hemtjänst väst", "UNIT", b, move, true, "RENAMED", List.of(), Instant.now()));
        assertThat(copy.versions(unit))
                .extracting(OrgUnit::name, OrgUnit::validTo)
                .containsExactly(tuple("Hemtjänst", move), tuple("Hemtjänst väst", null));
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
