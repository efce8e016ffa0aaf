package se.kvalitet.report.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.report.notification.KeycloakDirectory.Person;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * Keeps {@code notification_recipient} in step with the directory (Keycloak), so that the responsible people are
 * mailed without ever saving preferences (README "Notifications", recipients). Once shortly after the start and then
 * every {@code kvalitet.notification.directory.interval} (1 h), under a PostgreSQL advisory lock, so one replica syncs
 * at a time; a replica that finds the last good run younger than 90 % of the interval leaves it (replicas start at
 * different times).
 *
 * <p>Merge rules ({@link #merge}): a person enabled in the directory, with a usable address and a role that is
 * notified, gets a row marked DIRECTORY with delivery DAILY_DIGEST, or has the address, roles and units of an existing
 * row refreshed; the delivery of a row the person saved (PERSON) is never changed. DIRECTORY rows of people the
 * directory no longer lists that way (left, disabled, lost the role or the address) are removed, and so is any row of
 * a person the directory lists as disabled (a disabled account is not mailed), with the matters still waiting for
 * their digest. A failed read (Keycloak down, 401/403) changes nothing: it is logged (no personal data) and the next
 * run tries again; mail sending does not depend on it.
 */
@ApplicationScoped
public class DirectorySync {

    private static final Logger LOG = Logger.getLogger(DirectorySync.class);

    /** The advisory lock key, the same in every replica. */
    static final String LOCK = "report-service.notification-directory";

    /** What one call did. */
    public enum Outcome {
        /** Read the directory and merged it. */
        SYNCED,
        /** Another replica holds the lock. */
        BUSY,
        /** The last good run is younger than the interval (another replica ran it). */
        RECENT,
        /** The directory could not be read; nothing changed. */
        FAILED,
        /** No client secret is configured. */
        OFF
    }

    /** The counts of a merge (no person). */
    public record Merged(int people, int added, int kept, int removed) {}

    @Inject
    DataSource dataSource;

    @Inject
    KeycloakDirectory directory;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kvalitet.notification.directory.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kvalitet.notification.directory.interval", defaultValue = "1h")
    String interval;

    void started(@Observes StartupEvent ev) {
        if (enabled && !directory.configured()) {
            LOG.info("notification directory sync off: kvalitet.notification.directory.client-secret is not set "
                    + "(only people who saved preferences are mailed)");
        }
    }

    @Scheduled(
            every = "${kvalitet.notification.directory.interval:1h}",
            delayed = "${kvalitet.notification.directory.first-delay:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled && directory.configured()) {
            run(directory::people, false);
        }
    }

    /**
     * One run against {@code source} (the directory's answer): under the advisory lock, unless another replica holds
     * it or ({@code force} false) the last good run is recent. Never throws.
     */
    public Outcome run(Supplier<List<Person>> source, boolean force) {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            if (!advisory(lock, "SELECT pg_try_advisory_lock(hashtext(?))")) {
                return Outcome.BUSY;
            }
            try {
                return locked(source, force);
            } finally {
                advisory(lock, "SELECT pg_advisory_unlock(hashtext(?))");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("notification directory sync: %s", NotificationSender.SafeError.of(e));
            return Outcome.FAILED;
        }
    }

    private Outcome locked(Supplier<List<Person>> source, boolean force) {
        if (!force && Boolean.TRUE.equals(QuarkusTransaction.requiringNew().call(this::recent))) {
            return Outcome.RECENT;
        }
        QuarkusTransaction.requiringNew().run(() -> state("last_attempt_at = now()"));
        List<Person> people;
        try {
            people = source.get();
        } catch (RuntimeException e) {
            String error = e instanceof WebApplicationException w && w.getResponse() != null
                    ? "HTTP " + w.getResponse().getStatus() + " " + NotificationSender.SafeError.of(e)
                    : NotificationSender.SafeError.of(e);
            // the class and status only: a message could echo a name or an address
            LOG.warnf("notification directory sync: the directory could not be read (%s); next run tries again", error);
            QuarkusTransaction.requiringNew().run(() -> state("last_error = ?", error));
            return Outcome.FAILED;
        }
        Merged m = QuarkusTransaction.requiringNew().call(() -> merge(people));
        LOG.infof(
                "notification directory sync: %d people in the directory, %d added, %d kept, %d removed",
                m.people(), m.added(), m.kept(), m.removed());
        return Outcome.SYNCED;
    }

    /** Merges the directory's answer into the recipients (call inside a transaction). */
    public Merged merge(List<Person> people) throws SQLException {
        Instant now = clock.instant();
        List<String> listed = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        int added = 0;
        int kept = 0;
        try (Connection c = dataSource.getConnection()) {
            for (Person p : people) {
                if (!usableUsername(p.username())) {
                    continue;
                }
                if (!p.enabled()) {
                    disabled.add(p.username());
                    continue;
                }
                if (!MailAddresses.usable(p.email())) {
                    continue;
                }
                listed.add(p.username());
                if (upsert(c, p, now)) {
                    added++;
                } else {
                    kept++;
                }
            }
            int removed = remove(c, listed, disabled);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE notification_directory_sync SET last_success_at = ?, last_error = NULL, people = ?,
                        added = ?, updated = ?, removed = ? WHERE id = 1""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setInt(2, people.size());
                ps.setInt(3, added);
                ps.setInt(4, kept);
                ps.setInt(5, removed);
                ps.executeUpdate();
            }
            return new Merged(people.size(), added, kept, removed);
        }
    }

    /** Inserts a DIRECTORY row or refreshes address, roles and units of any row; true when it was inserted. */
    private static boolean upsert(Connection c, Person p, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification_recipient (username, email, delivery, roles, org_unit_ids, updated_at, source,
                                                    directory_seen_at)
                VALUES (?, ?, 'DAILY_DIGEST', ?, ?, ?, 'DIRECTORY', ?)
                ON CONFLICT (username) DO UPDATE SET email = excluded.email, roles = excluded.roles,
                    org_unit_ids = excluded.org_unit_ids, directory_seen_at = excluded.directory_seen_at,
                    updated_at = CASE WHEN notification_recipient.source = 'DIRECTORY' THEN excluded.updated_at
                                      ELSE notification_recipient.updated_at END
                RETURNING (xmax = 0) AS inserted""")) {
            ps.setString(1, p.username());
            ps.setString(2, p.email());
            ps.setArray(3, c.createArrayOf("varchar", notified(p.roles()).toArray()));
            ps.setArray(4, c.createArrayOf("uuid", p.orgUnitIds().toArray()));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean("inserted");
            }
        }
    }

    /** Leavers: DIRECTORY rows not listed, and every row of a disabled person; with their waiting matters. */
    private static int remove(Connection c, Collection<String> listed, Collection<String> disabled)
            throws SQLException {
        List<String> gone = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM notification_recipient
                WHERE (source = 'DIRECTORY' AND NOT (username = ANY (?))) OR username = ANY (?)
                RETURNING username""")) {
            ps.setArray(1, c.createArrayOf("varchar", listed.toArray()));
            ps.setArray(2, c.createArrayOf("varchar", disabled.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gone.add(rs.getString(1));
                }
            }
        }
        if (!gone.isEmpty()) {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM notification_item WHERE mail_id IS NULL AND username = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("varchar", gone.toArray()));
                ps.executeUpdate();
            }
        }
        return gone.size();
    }

    /** The roles stored for a person: those deadlines are addressed to (investigators are told of assignments). */
    private static Set<String> notified(Set<String> roles) {
        Set<String> out = new TreeSet<>();
        for (String r : roles) {
            if (NoticeRules.NOTIFIED_ROLES.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean usableUsername(String username) {
        return username != null
                && !username.isBlank()
                && username.length() <= 255
                && !PersonalIdentityNumbers.containsAny(username);
    }

    private boolean recent() throws SQLException {
        Duration every = parse(interval);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT last_success_at FROM notification_directory_sync WHERE id = 1")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(1) == null) {
                    return false;
                }
                Instant last = rs.getTimestamp(1).toInstant();
                return last.isAfter(clock.instant().minus(every.multipliedBy(9).dividedBy(10)));
            }
        }
    }

    private void state(String set, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE notification_directory_sync SET " + set + " WHERE id = 1")) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean advisory(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The scheduler's interval syntax ({@code 1h}, {@code 30m}, {@code 5s}) or an ISO-8601 duration. */
    static Duration parse(String every) {
        String s = every.strip();
        if (s.startsWith("P") || s.startsWith("p")) {
            return Duration.parse(s);
        }
        if (s.endsWith("d") || s.endsWith("D")) {
            return Duration.parse("P" + s.toUpperCase(java.util.Locale.ROOT));
        }
        return Duration.parse("PT" + s.toUpperCase(java.util.Locale.ROOT));
    }
}
