package se.kvalitet.report.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.report.notification.NoticeRules.Notice;
import se.kvalitet.report.notification.RecipientStore.Recipient;

/**
 * Turns consumed events into what each person is to be told: one {@code notification_item} per event
 * and person (unique, so a redelivered event adds nothing), and for people who want mail at once the
 * rendered mail in {@code notification_mail} for the sender. Runs inside the inbox's transaction, so an
 * event is planned exactly once or not at all.
 *
 * <p>Who: for each responsible role of the notice, the people holding it at the <em>nearest</em> level
 * of the unit's ancestry (the unit itself, else its parent, ...) who saved preferences; when the deadline
 * has passed, also the unit managers of the nearest level above the responsible managers (or, where the
 * responsible role is not the manager, the unit's own nearest managers): per-unit escalation.
 */
@ApplicationScoped
public class NotificationPlanner {

    private static final Logger LOG = Logger.getLogger(NotificationPlanner.class);

    @Inject
    DataSource dataSource;

    @Inject
    OrgCopy orgCopy;

    @Inject
    RecipientStore recipients;

    @Inject
    MailComposer composer;

    @Inject
    Clock clock;

    @Inject
    PersonRefs personRefs;

    /** Older events are not mailed about (a new consumer group reads the topics from the start; a replay). */
    @ConfigProperty(name = "kvalitet.notification.max-event-age", defaultValue = "P3D")
    Duration maxEventAge;

    @ConfigProperty(name = "kvalitet.notification.message-id-domain", defaultValue = "kvalitet.local")
    String messageIdDomain;

    /** The events of one consumed batch, in order. */
    public void apply(List<EventEnvelope> events) throws SQLException {
        Instant oldest = clock.instant().minus(maxEventAge);
        for (EventEnvelope env : events) {
            if (!NoticeRules.TYPES.contains(env.type())) {
                continue;
            }
            if (env.time() != null && env.time().isBefore(oldest)) {
                continue;
            }
            DomainEvent event = EventCodec.data(env);
            if (event == null) {
                continue;
            }
            Optional<Notice> notice = NoticeRules.of(event);
            if (notice.isPresent() && notice.get().orgUnitId() != null) {
                plan(env.id(), notice.get());
            }
        }
    }

    /** Who is told, and why (responsible or escalation), in a stable order. */
    Map<Recipient, Boolean> whom(Notice notice) throws SQLException {
        if (notice.personRef() != null) {
            // a matter of one person: whoever of the people who want mail has that pseudonym (README "Notifications",
            // who is assigned); the unit plays no part, an investigator need not act for the unit in the token
            Map<Recipient, Boolean> chosen = new LinkedHashMap<>();
            for (Recipient r : recipients.wantingMail()) {
                if (personRefs.of(r.username()).equals(notice.personRef())) {
                    chosen.put(r, false);
                }
            }
            return chosen;
        }
        List<UUID> levels = orgCopy.ancestors(notice.orgUnitId());
        List<Recipient> candidates = recipients.actingFor(levels);
        Map<Recipient, Boolean> chosen = new LinkedHashMap<>();
        int managerLevel = -1;
        for (String role : notice.roles()) {
            int level = nearestLevel(candidates, levels, role, 0);
            if (level >= 0) {
                for (Recipient r : holding(candidates, levels.get(level), role)) {
                    chosen.putIfAbsent(r, false);
                }
                if (role.equals(NoticeRules.UNIT_MANAGER)) {
                    managerLevel = level;
                }
            }
        }
        if (notice.overdue()) {
            int level = nearestLevel(candidates, levels, NoticeRules.UNIT_MANAGER, managerLevel + 1);
            if (level >= 0) {
                for (Recipient r : holding(candidates, levels.get(level), NoticeRules.UNIT_MANAGER)) {
                    chosen.putIfAbsent(r, true);
                }
            }
        }
        return chosen;
    }

    private static int nearestLevel(List<Recipient> candidates, List<UUID> levels, String role, int from) {
        for (int i = from; i < levels.size(); i++) {
            if (!holding(candidates, levels.get(i), role).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static List<Recipient> holding(List<Recipient> candidates, UUID unit, String role) {
        List<Recipient> out = new ArrayList<>();
        for (Recipient r : candidates) {
            if (r.roles().contains(role) && r.orgUnitIds().contains(unit)) {
                out.add(r);
            }
        }
        return out;
    }

    private void plan(String eventId, Notice notice) throws SQLException {
        Map<Recipient, Boolean> whom = whom(notice);
        if (whom.isEmpty()) {
            LOG.debugf("event %s: nobody to tell at unit %s", eventId, notice.orgUnitId());
            return;
        }
        String unitName = orgCopy.name(notice.orgUnitId()).orElse(null);
        String link = composer.link(notice.linkPath());
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<Recipient, Boolean> e : whom.entrySet()) {
                Recipient r = e.getKey();
                boolean escalation = e.getValue();
                UUID itemId = UUID.randomUUID();
                if (!insertItem(c, itemId, eventId, r.username(), escalation, notice, unitName, link, now)) {
                    continue;
                }
                if (r.delivery() == Delivery.IMMEDIATE) {
                    MailComposer.Mail mail = composer.immediate(new MailComposer.Item(
                            notice.what(), notice.dueText(), notice.overdue(), unitName, link, escalation));
                    UUID mailId = UUID.randomUUID();
                    insertMail(c, mailId, messageId(mailId), r, "IMMEDIATE", null, mail, now);
                    attach(c, mailId, List.of(itemId));
                }
            }
        }
    }

    private static boolean insertItem(
            Connection c,
            UUID id,
            String eventId,
            String username,
            boolean escalation,
            Notice n,
            String unitName,
            String link,
            Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification_item (id, event_id, username, reason, topic, what, due_text, overdue, org_unit_id,
                                               unit_name, link, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, username) DO NOTHING""")) {
            ps.setObject(1, id);
            ps.setString(2, eventId);
            ps.setString(3, username);
            ps.setString(4, escalation ? "ESCALATION" : "RESPONSIBLE");
            ps.setString(5, n.topic());
            ps.setString(6, n.what());
            ps.setString(7, n.dueText());
            ps.setBoolean(8, n.overdue());
            ps.setObject(9, n.orgUnitId());
            ps.setString(10, unitName);
            ps.setString(11, link);
            ps.setTimestamp(12, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    String messageId(UUID mailId) {
        return "<notification." + mailId + "@" + messageIdDomain + ">";
    }

    /** Inserts a pending mail; false when the person's digest of that day exists already. */
    static boolean insertMail(
            Connection c,
            UUID id,
            String messageId,
            Recipient r,
            String kind,
            java.time.LocalDate digestDay,
            MailComposer.Mail mail,
            Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification_mail (id, message_id, username, email, kind, digest_day, subject, body, status,
                                               next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
                ON CONFLICT (username, digest_day) WHERE kind = 'DAILY_DIGEST' DO NOTHING""")) {
            ps.setObject(1, id);
            ps.setString(2, messageId);
            ps.setString(3, r.username());
            ps.setString(4, r.email());
            ps.setString(5, kind);
            ps.setObject(6, digestDay);
            ps.setString(7, mail.subject());
            ps.setString(8, mail.body());
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setTimestamp(10, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    static void attach(Connection c, UUID mailId, List<UUID> itemIds) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE notification_item SET mail_id = ? WHERE id = ANY (?) AND mail_id IS NULL")) {
            ps.setObject(1, mailId);
            ps.setArray(2, c.createArrayOf("uuid", itemIds.toArray()));
            ps.executeUpdate();
        }
    }
}
