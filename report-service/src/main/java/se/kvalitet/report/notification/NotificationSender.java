package se.kvalitet.report.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.messaging.MessagingInstance;

/**
 * Sends the pending mails of {@code notification_mail}. A pass <em>claims</em> up to {@code batch-size}
 * due rows under a lease ({@code FOR UPDATE SKIP LOCKED}, committed, so replicas take different rows),
 * hands each to the SMTP server and then marks it SENT, only while it still holds the lease. A replica
 * that dies after claiming leaves its rows leased until the lease runs out; then any replica takes them. A
 * replica that starts again under the same name ({@link MessagingInstance}: a pod's container restarted, a
 * killed process started again) takes its own leases back at once: no process of that name can still be
 * sending them, since two replicas running at once never share a name.
 *
 * <p>The one window: a crash after the SMTP server accepted a mail and before it was marked SENT sends
 * that mail again (after the lease, or at the restart of the same replica). Every mail carries the same {@code Message-ID} on every attempt, so a
 * mail client shows it once (at-least-once at the SMTP edge, exactly once into the outbox). A failed
 * send is retried with backoff up to {@code max-attempts}, then the row stays as FAILED with the error's
 * class (never its text, which could echo an address).
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);

    /** The mail header that marks an automatic mail (RFC 3834): no out-of-office replies to it. */
    static final String AUTO_SUBMITTED = "Auto-Submitted";

    @Inject
    DataSource dataSource;

    @Inject
    Mailer mailer;

    @Inject
    MessagingInstance instance;

    @ConfigProperty(name = "kvalitet.notification.sender.enabled", defaultValue = "true")
    volatile boolean enabled;

    @ConfigProperty(name = "kvalitet.notification.sender.lease", defaultValue = "PT2M")
    Duration lease;

    @ConfigProperty(name = "kvalitet.notification.sender.batch-size", defaultValue = "20")
    int batchSize;

    @ConfigProperty(name = "kvalitet.notification.sender.max-attempts", defaultValue = "10")
    int maxAttempts;

    @ConfigProperty(name = "kvalitet.notification.sender.first-backoff", defaultValue = "PT30S")
    Duration firstBackoff;

    /** A claimed mail. */
    public record Claimed(UUID id, String messageId, String email, String subject, String body, int attempts) {}

    @Scheduled(
            every = "${kvalitet.notification.sender.interval:5s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled) {
            send(instance.id());
        }
    }

    /** Stops (false) or resumes (true) the scheduled passes, as a replica that stops and starts again. */
    public void enabled(boolean on) {
        this.enabled = on;
    }

    void onStart(@Observes StartupEvent event) {
        int released = releaseOwn(instance.id());
        if (released > 0) {
            LOG.infof("%d notification mail(s) this replica had claimed before it stopped are due again", released);
        }
    }

    /**
     * Ends the leases {@code owner} holds on unsent mails: called when a replica of that name starts, since its
     * earlier process is gone; the next pass takes them (with the same Message-ID).
     */
    public int releaseOwn(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps =
                            c.prepareStatement("UPDATE notification_mail SET lease_owner = NULL, lease_until = NULL"
                                    + " WHERE lease_owner = ? AND status = 'PENDING'")) {
                ps.setString(1, owner);
                return ps.executeUpdate();
            }
        });
    }

    /** One pass as {@code owner}: claims due mails, sends them and marks them; returns how many were sent. */
    public int send(String owner) {
        int sent = 0;
        for (Claimed mail : claim(owner)) {
            if (deliver(owner, mail)) {
                sent++;
            }
        }
        return sent;
    }

    /** Claims up to a batch of due, unleased mails for {@code owner} (its own committed transaction). */
    public List<Claimed> claim(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            UPDATE notification_mail m
                            SET lease_owner = ?, lease_until = now() + make_interval(secs => ?), attempts = m.attempts + 1
                            WHERE m.id IN (SELECT id FROM notification_mail
                                           WHERE status = 'PENDING' AND next_attempt_at <= now()
                                             AND (lease_until IS NULL OR lease_until < now())
                                           ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
                            RETURNING m.id, m.message_id, m.email, m.subject, m.body, m.attempts""")) {
                ps.setString(1, owner);
                ps.setDouble(2, lease.toMillis() / 1000.0);
                ps.setInt(3, batchSize);
                List<Claimed> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Claimed(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getInt(6)));
                    }
                }
                return out;
            }
        });
    }

    private boolean deliver(String owner, Claimed mail) {
        try {
            mailer.send(Mail.withText(mail.email(), mail.subject(), mail.body())
                    .addHeader("Message-ID", mail.messageId())
                    .addHeader(AUTO_SUBMITTED, "auto-generated"));
        } catch (RuntimeException e) {
            failed(owner, mail, e);
            return false;
        }
        boolean marked = QuarkusTransaction.requiringNew().call(() -> update("""
                UPDATE notification_mail SET status = 'SENT', sent_at = now(), lease_owner = NULL, lease_until = NULL,
                    last_error = NULL
                WHERE id = ? AND lease_owner = ? AND status = 'PENDING'""", mail.id(), owner));
        if (!marked) {
            // the lease ran out during the SMTP exchange and another pass took the row: it may send it again
            // (same Message-ID); nothing to undo here
            LOG.warnf("notification mail %s was sent after its lease had passed to another sender", mail.id());
        }
        return true;
    }

    private void failed(String owner, Claimed mail, RuntimeException e) {
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(mail.attempts() - 1, 10));
        String error = SafeError.of(e);
        LOG.warnf("notification mail %s: attempt %d failed: %s", mail.id(), mail.attempts(), error);
        QuarkusTransaction.requiringNew()
                .call(() -> update("""
                UPDATE notification_mail SET lease_owner = NULL, lease_until = NULL, last_error = ?,
                    next_attempt_at = now() + make_interval(secs => ?),
                    status = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'PENDING' END
                WHERE id = ? AND lease_owner = ?""", error, backoff.toMillis() / 1000.0, maxAttempts, mail.id(), owner));
    }

    private boolean update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** The error's kind only (exception classes along the cause chain), never a message that could hold an address. */
    static final class SafeError {
        private SafeError() {}

        static String of(Throwable e) {
            StringBuilder sb = new StringBuilder();
            for (Throwable t = e; t != null && sb.length() < 250; t = t.getCause()) {
                if (sb.length() > 0) {
                    sb.append(" <- ");
                }
                sb.append(t.getClass().getName());
            }
            return sb.length() > 300 ? sb.substring(0, 300) : sb.toString();
        }
    }
}
