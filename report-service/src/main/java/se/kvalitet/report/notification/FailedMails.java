package se.kvalitet.report.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.report.notification.FailedMailsApi.FailedMail;
import se.kvalitet.report.notification.FailedMailsApi.RetriedMail;

/** The mails the sender gave up on ({@code notification_mail} FAILED): listed newest first, and sent again on request. */
@ApplicationScoped
public class FailedMails {

    /** Why a retry did not happen. */
    public enum Refusal {
        NOT_FOUND,
        NOT_FAILED,
        RECIPIENT_GONE
    }

    /** A retry's answer: the mail now pending, or why not. */
    public record Retry(Optional<RetriedMail> mail, Refusal refusal) {}

    @Inject
    DataSource dataSource;

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM notification_mail WHERE status = 'FAILED'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A page of the failed mails, newest first. The recipient is named by username only; whether the person's address
     * in the directory has changed since is a yes/no (the address itself stays in Keycloak).
     */
    public List<FailedMail> page(int offset, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT m.id, m.username, m.kind, m.digest_day, m.subject, m.attempts, m.last_error, m.created_at,
                               r.username IS NOT NULL AS recipient_listed,
                               r.username IS NOT NULL AND r.email <> m.email AS address_changed
                        FROM notification_mail m LEFT JOIN notification_recipient r ON r.username = m.username
                        WHERE m.status = 'FAILED'
                        ORDER BY m.created_at DESC, m.id
                        OFFSET ? LIMIT ?""")) {
            ps.setInt(1, offset);
            ps.setInt(2, limit);
            List<FailedMail> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FailedMail(
                            rs.getObject("id", UUID.class),
                            rs.getString("username"),
                            rs.getString("kind"),
                            rs.getObject("digest_day", java.time.LocalDate.class),
                            rs.getString("subject"),
                            rs.getInt("attempts"),
                            rs.getString("last_error"),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getBoolean("recipient_listed"),
                            rs.getBoolean("address_changed")));
                }
            }
            return out;
        }
    }

    /**
     * Sends a FAILED mail again: back to PENDING with a fresh count of attempts, due now, to the person's current
     * address (a wrong address corrected in Keycloak reaches the mail with the next directory sync or the person's
     * next save). Refused when there is no such mail, it did not fail, or the person is no longer a recipient.
     */
    @Transactional
    public Retry retry(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE notification_mail m SET status = 'PENDING', attempts = 0, next_attempt_at = now(),
                        last_error = NULL, lease_owner = NULL, lease_until = NULL, email = r.email
                    FROM notification_recipient r
                    WHERE m.id = ? AND m.status = 'FAILED' AND r.username = m.username AND r.email <> ''
                    RETURNING m.id, m.next_attempt_at""")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Retry(
                                Optional.of(new RetriedMail(
                                        rs.getObject(1, UUID.class),
                                        "PENDING",
                                        rs.getTimestamp(2).toInstant())),
                                null);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM notification_mail WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Retry(Optional.empty(), Refusal.NOT_FOUND);
                    }
                    return new Retry(
                            Optional.empty(),
                            "FAILED".equals(rs.getString(1)) ? Refusal.RECIPIENT_GONE : Refusal.NOT_FAILED);
                }
            }
        }
    }
}
