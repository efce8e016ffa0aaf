package se.kvalitet.report.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.report.notification.RecipientStore.Recipient;

/**
 * The daily digest: once a day, from {@code kvalitet.notification.digest.time} (Swedish time), one mail per
 * person with every matter still waiting for a digest. One per person and day whatever the number of
 * replicas: the mail's unique (person, day) key decides, and the person's waiting items are locked while
 * they are taken. A matter that arrives after the day's digest was made waits for the next day's.
 */
@ApplicationScoped
public class DailyDigest {

    private static final Logger LOG = Logger.getLogger(DailyDigest.class);

    @Inject
    DataSource dataSource;

    @Inject
    RecipientStore recipients;

    @Inject
    MailComposer composer;

    @Inject
    NotificationPlanner planner;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kvalitet.notification.digest.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kvalitet.notification.digest.time", defaultValue = "07:00")
    LocalTime digestTime;

    @Scheduled(
            every = "${kvalitet.notification.digest.check-interval:1m}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled) {
            return;
        }
        ZonedDateTime now = clock.instant().atZone(NoticeRules.SWEDEN);
        if (!now.toLocalTime().isBefore(digestTime)) {
            int made = build(now.toLocalDate());
            if (made > 0) {
                LOG.infof("made %d daily digests for %s", made, now.toLocalDate());
            }
        }
    }

    /** Makes the digests of {@code day} for everybody with waiting matters; returns how many mails it made. */
    public int build(LocalDate day) {
        List<String> people = QuarkusTransaction.requiringNew().call(() -> waiting(day));
        int made = 0;
        for (String username : people) {
            if (QuarkusTransaction.requiringNew().call(() -> buildOne(username, day))) {
                made++;
            }
        }
        return made;
    }

    private List<String> waiting(LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT DISTINCT i.username FROM notification_item i
                        WHERE i.mail_id IS NULL
                          AND NOT EXISTS (SELECT 1 FROM notification_mail m
                                          WHERE m.kind = 'DAILY_DIGEST' AND m.username = i.username AND m.digest_day = ?)
                        ORDER BY 1""")) {
            ps.setObject(1, day);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private boolean buildOne(String username, LocalDate day) throws SQLException {
        Optional<Recipient> recipient = recipients.find(username);
        if (recipient.isEmpty() || recipient.get().delivery() == Delivery.OFF) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            List<UUID> ids = new ArrayList<>();
            List<MailComposer.Item> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, what, due_text, overdue, unit_name, link, reason FROM notification_item
                    WHERE username = ? AND mail_id IS NULL ORDER BY overdue DESC, created_at, id FOR UPDATE SKIP LOCKED""")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject("id", UUID.class));
                        items.add(new MailComposer.Item(
                                rs.getString("what"),
                                rs.getString("due_text"),
                                rs.getBoolean("overdue"),
                                rs.getString("unit_name"),
                                rs.getString("link"),
                                "ESCALATION".equals(rs.getString("reason"))));
                    }
                }
            }
            if (items.isEmpty()) {
                return false;
            }
            UUID mailId = UUID.randomUUID();
            boolean made = NotificationPlanner.insertMail(
                    c,
                    mailId,
                    planner.messageId(mailId),
                    recipient.get(),
                    "DAILY_DIGEST",
                    day,
                    composer.digest(day, items),
                    clock.instant());
            if (made) {
                NotificationPlanner.attach(c, mailId, ids);
            }
            return made;
        }
    }
}
