package se.kvalitet.report.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import se.kvalitet.report.notification.KeycloakDirectory.Person;
import se.kvalitet.testing.TestTokens;

/**
 * The directory's merge into the recipients against the real PostgreSQL of the test boot: the directory's answer is
 * given as data (what Keycloak's admin API answered; the reading itself runs against a real Keycloak in e2e-tests
 * {@code NotificationDirectoryIT}). A person's saved choice wins, leavers and disabled people are removed, one
 * replica at a time (advisory lock), a failed read changes nothing.
 */
@QuarkusTest
class DirectorySyncTest {

    static final String PREFS = "/report/v1/notification-preferences/me";

    @Inject
    DirectorySync sync;

    @Inject
    DataSource dataSource;

    static String person(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Person listed(String username, String role, UUID unit) {
        return new Person(username, username + "@kommun.test", true, Set.of(role), Set.of(unit));
    }

    /** username → [source, delivery, email, roles, units] of the row, or null. */
    List<Object> row(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT source, delivery, email, roles, org_unit_ids FROM notification_recipient WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                List<Object> out = new ArrayList<>();
                out.add(rs.getString(1));
                out.add(rs.getString(2));
                out.add(rs.getString(3));
                out.add(Set.of((String[]) rs.getArray(4).getArray()));
                out.add(Set.of((UUID[]) rs.getArray(5).getArray()));
                return out;
            }
        }
    }

    DirectorySync.Outcome sync(List<Person> people) {
        return sync.run(() -> people, true);
    }

    void save(String username, String role, UUID unit, String delivery) {
        given().header(
                        "Authorization",
                        TestTokens.user(username)
                                .roles(role, "reporter")
                                .orgUnits(unit)
                                .email(username + "@kommun.test")
                                .bearer())
                .contentType(ContentType.JSON)
                .body("{\"delivery\":\"" + delivery + "\"}")
                .put(PREFS)
                .then()
                .statusCode(200);
    }

    @Test
    void peopleOfTheDirectoryGetADailyDigestWithoutSavingAnything() throws SQLException {
        UUID unit = UUID.randomUUID();
        String karin = person("karin");
        String ingrid = person("ingrid");
        assertThat(sync(List.of(
                        listed(karin, "quality-team", unit),
                        // an investigator: a recipient (assignments) without a role deadlines are addressed to
                        listed(ingrid, "investigator", unit))))
                .isEqualTo(DirectorySync.Outcome.SYNCED);

        assertThat(row(karin))
                .containsExactly(
                        "DIRECTORY", "DAILY_DIGEST", karin + "@kommun.test", Set.of("quality-team"), Set.of(unit));
        assertThat(row(ingrid))
                .containsExactly("DIRECTORY", "DAILY_DIGEST", ingrid + "@kommun.test", Set.of(), Set.of(unit));
        // the person sees the directory's default, not saved
        given().header(
                        "Authorization",
                        TestTokens.user(karin)
                                .roles("quality-team")
                                .orgUnits(unit)
                                .email(karin + "@kommun.test")
                                .bearer())
                .get(PREFS)
                .then()
                .statusCode(200)
                .body("delivery", equalTo("DAILY_DIGEST"))
                .body("saved", equalTo(false));

        // the next run changes address, roles and units as the directory does
        UUID moved = UUID.randomUUID();
        sync(List.of(
                new Person(karin, "karin.k@kommun.test", true, Set.of("quality-team", "unit-manager"), Set.of(moved)),
                listed(ingrid, "investigator", unit)));
        assertThat(row(karin))
                .containsExactly(
                        "DIRECTORY",
                        "DAILY_DIGEST",
                        "karin.k@kommun.test",
                        Set.of("quality-team", "unit-manager"),
                        Set.of(moved));
    }

    @Test
    void aSavedChoiceWinsOverTheDirectoryWhoseAddressAndUnitsAreTakenStill() throws SQLException {
        UUID unit = UUID.randomUUID();
        String erik = person("erik");
        String olle = person("olle");
        sync(List.of(listed(erik, "unit-manager", unit), listed(olle, "unit-manager", unit)));
        save(erik, "unit-manager", unit, "IMMEDIATE");
        save(olle, "unit-manager", unit, "OFF"); // an opt-out is a choice too

        UUID moved = UUID.randomUUID();
        sync(List.of(
                new Person(erik, "erik.new@kommun.test", true, Set.of("unit-manager"), Set.of(moved)),
                listed(olle, "unit-manager", unit)));

        assertThat(row(erik))
                .containsExactly("PERSON", "IMMEDIATE", "erik.new@kommun.test", Set.of("unit-manager"), Set.of(moved));
        assertThat(row(olle).subList(0, 2)).containsExactly("PERSON", "OFF");
        given().header(
                        "Authorization",
                        TestTokens.user(olle)
                                .roles("unit-manager")
                                .orgUnits(unit)
                                .email(olle + "@kommun.test")
                                .bearer())
                .get(PREFS)
                .then()
                .statusCode(200)
                .body("delivery", equalTo("OFF"))
                .body("saved", equalTo(true));
    }

    @Test
    void leaversAndDisabledPeopleAreRemovedWithWhatWaitsForTheirDigest() throws SQLException {
        UUID unit = UUID.randomUUID();
        String stays = person("stays");
        String leaves = person("leaves");
        String disabled = person("disabled");
        String savedLeaves = person("saved");
        String noAddress = person("noaddress");
        sync(List.of(
                listed(stays, "process-owner", unit),
                listed(leaves, "process-owner", unit),
                listed(disabled, "process-owner", unit),
                listed(noAddress, "process-owner", unit)));
        save(disabled, "process-owner", unit, "IMMEDIATE");
        save(savedLeaves, "process-owner", unit, "IMMEDIATE");
        waitingItem(leaves);

        DirectorySync.Merged merged = QuarkusTransaction.requiringNew()
                .call(() -> sync.merge(List.of(
                        listed(stays, "process-owner", unit),
                        new Person(disabled, disabled + "@kommun.test", false, Set.of("process-owner"), Set.of(unit)),
                        new Person(noAddress, "not an address", true, Set.of("process-owner"), Set.of(unit)))));

        assertThat(row(stays)).isNotNull();
        assertThat(row(leaves)).as("no longer listed").isNull();
        assertThat(row(noAddress)).as("listed without a usable address").isNull();
        assertThat(row(disabled)).as("disabled, although saved").isNull();
        assertThat(row(savedLeaves))
                .as("saved, and not in the directory's answer: kept")
                .isNotNull();
        assertThat(count("SELECT count(*) FROM notification_item WHERE username = ?", leaves))
                .isZero();
        assertThat(merged.removed()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void oneReplicaSyncsAtATimeAndARecentRunIsNotRepeated() throws SQLException {
        UUID unit = UUID.randomUUID();
        String someone = person("someone");
        AtomicInteger reads = new AtomicInteger();
        Supplier<List<Person>> directory = () -> {
            reads.incrementAndGet();
            return List.of(listed(someone, "quality-team", unit));
        };
        try (Connection other = dataSource.getConnection();
                PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            other.setAutoCommit(true);
            ps.setString(1, DirectorySync.LOCK);
            ps.execute();
            try {
                assertThat(sync.run(directory, true)).isEqualTo(DirectorySync.Outcome.BUSY);
                assertThat(reads).hasValue(0);
                assertThat(row(someone)).isNull();
            } finally {
                try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                    unlock.setString(1, DirectorySync.LOCK);
                    unlock.execute();
                }
            }
        }
        assertThat(sync.run(directory, true)).isEqualTo(DirectorySync.Outcome.SYNCED);
        assertThat(reads).hasValue(1);
        assertThat(row(someone)).isNotNull();
        // a scheduled run of another replica right after: the last good run is younger than the interval (1 h)
        assertThat(sync.run(directory, false)).isEqualTo(DirectorySync.Outcome.RECENT);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aDirectoryThatCannotBeReadChangesNothing() throws SQLException {
        UUID unit = UUID.randomUUID();
        String kept = person("kept");
        sync(List.of(listed(kept, "quality-team", unit)));
        Instant before = lastSuccess();

        assertThat(sync.run(
                        () -> {
                            throw new WebApplicationException(503);
                        },
                        true))
                .isEqualTo(DirectorySync.Outcome.FAILED);

        assertThat(row(kept)).as("nothing removed on a failed read").isNotNull();
        assertThat(lastSuccess()).isEqualTo(before);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT last_error FROM notification_directory_sync WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("HTTP 503 jakarta.ws.rs.WebApplicationException");
        }
    }

    @Test
    void theIntervalIsReadAsTheSchedulerWritesIt() {
        assertThat(DirectorySync.parse("1h")).hasHours(1);
        assertThat(DirectorySync.parse("5s")).hasSeconds(5);
        assertThat(DirectorySync.parse("1d")).hasDays(1);
        assertThat(DirectorySync.parse("PT30M")).hasMinutes(30);
    }

    @Test
    void orgUnitsAreTheAttributesUuids() {
        UUID unit = UUID.randomUUID();
        assertThat(KeycloakDirectory.orgUnits(java.util.Map.of("org_units", List.of(unit.toString(), "not-a-unit"))))
                .containsExactly(unit);
        assertThat(KeycloakDirectory.orgUnits(null)).isEmpty();
    }

    private Instant lastSuccess() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT last_success_at FROM notification_directory_sync WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private long count(String sql, String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void waitingItem(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO notification_item (id, event_id, username, reason, topic, what, overdue, link, created_at)
                        VALUES (?, ?, ?, 'RESPONSIBLE', 'test', 'En rutin ska revideras', false, 'https://x/y', now())""")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, UUID.randomUUID().toString());
            ps.setString(3, username);
            ps.executeUpdate();
        }
    }
}
