package se.kvalitet.followup;

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
 * An existing database migrates forward: a database at V4 with units in the old {@code org_unit}
 * gets platform/orgcopy's table (out of order) and V5 carries the units over. Runs on the test
 * PostgreSQL server in a database of its own, with Flyway as the service runs it.
 */
@QuarkusTest
class OrgCopyUpgradeTest {

    @Test
    void theOldCopyIsCarriedOverWithItsSeededUnitsProvisional() throws Exception {
        PGSimpleDataSource ds = newDatabase("followup_upgrade");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/messaging", "classpath:db/migration")
                .target("4")
                .load()
                .migrate();
        UUID board = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        UUID seeded = UUID.randomUUID();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO org_unit (id, parent_id, name, kind, valid_from, active) VALUES "
                    + "('" + board + "', NULL, 'Nämnden', 'BOARD', DATE '2024-01-01', TRUE), "
                    + "('" + unit + "', '" + board + "', 'Hemtjänst', 'UNIT', DATE '2025-03-01', TRUE), "
                    + "('" + seeded + "', '" + unit + "', 'Grupp 1', NULL, NULL, TRUE)");
        }

        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/messaging", "classpath:db/orgcopy", "classpath:db/migration")
                .outOfOrder(true)
                .load()
                .migrate();

        OrgCopy copy = new OrgCopy(ds);
        assertThat(copy.versions(unit))
                .extracting(OrgUnit::name, OrgUnit::parentId, OrgUnit::type, OrgUnit::validFrom)
                .containsExactly(tuple("Hemtjänst", board, "UNIT", LocalDate.of(2025, 3, 1)));
        assertThat(copy.versions(seeded))
                .extracting(OrgUnit::type, OrgUnit::validFrom)
                .containsExactly(tuple(null, OrgCopy.PROVISIONAL_FROM));
        assertThat(copy.tree().descendants(board)).containsExactlyInAnyOrder(unit, seeded);
        assertThat(value(ds, "SELECT to_regclass('org_unit') IS NULL")).isEqualTo("t");

        copy.apply(new OrgUnitChangedV1(
                seeded,
                null,
                "Grupp Norr",
                "GROUP",
                unit,
                LocalDate.of(2025, 1, 1),
                true,
                "CREATED",
                List.of(),
                Instant.now()));
        assertThat(copy.versions(seeded))
                .extracting(OrgUnit::name, OrgUnit::validFrom)
                .containsExactly(tuple("Grupp Norr", LocalDate.of(2025, 1, 1)));
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
