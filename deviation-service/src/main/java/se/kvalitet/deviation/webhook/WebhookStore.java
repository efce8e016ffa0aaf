package se.kvalitet.deviation.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The subscriptions and the per-subscription outbox of deliveries, in plain JDBC on the transaction's connection
 * (the dispatcher's claim needs {@code FOR UPDATE SKIP LOCKED}, which the ORM does not express).
 */
@ApplicationScoped
public class WebhookStore {

    /** One subscription row. */
    record Subscription(
            UUID id,
            String clientId,
            String subject,
            String url,
            List<String> types,
            DeliveryMode mode,
            String secret,
            String status,
            String requestHash,
            Instant createdAt) {}

    /** One delivery row, with what the dispatcher needs to send it. */
    record Delivery(
            UUID id,
            UUID subscriptionId,
            String eventId,
            String eventType,
            String payload,
            String status,
            int attempts,
            Integer lastStatus,
            String lastError,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant deliveredAt) {}

    /** A claimed delivery and where it goes. */
    record Claimed(Delivery delivery, String url, DeliveryMode mode, String secret) {}

    private static final String SUBSCRIPTION_COLUMNS =
            "id, client_id, subject, url, event_types, mode, secret, status, request_hash, created_at";
    private static final String DELIVERY_COLUMNS = "id, subscription_id, event_id, event_type, payload, status,"
            + " attempts, last_status, last_error, created_at, next_attempt_at, delivered_at";

    @Inject
    DataSource dataSource;

    @Transactional
    public boolean insert(Subscription s, String idempotencyKey) {
        return update(
                        "INSERT INTO webhook_subscription (" + SUBSCRIPTION_COLUMNS + ", idempotency_key)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (client_id, subject, idempotency_key) DO NOTHING",
                        s.id(),
                        s.clientId(),
                        s.subject(),
                        s.url(),
                        String.join(",", s.types()),
                        s.mode().name(),
                        s.secret(),
                        s.status(),
                        s.requestHash(),
                        Timestamp.from(s.createdAt()),
                        idempotencyKey)
                == 1;
    }

    @Transactional
    public Optional<Subscription> byKey(String clientId, String subject, String idempotencyKey) {
        return subscriptions(
                        "WHERE client_id = ? AND subject = ? AND idempotency_key = ?",
                        clientId,
                        subject,
                        idempotencyKey)
                .stream()
                .findFirst();
    }

    @Transactional
    public Optional<Subscription> owned(UUID id, String clientId, String subject) {
        return subscriptions("WHERE id = ? AND client_id = ? AND subject = ?", id, clientId, subject).stream()
                .findFirst();
    }

    @Transactional
    public List<Subscription> ownedBy(String clientId, String subject) {
        return subscriptions("WHERE client_id = ? AND subject = ? ORDER BY created_at, id", clientId, subject);
    }

    @Transactional
    public int activeCount(String clientId, String subject) {
        return count(
                "SELECT count(*) FROM webhook_subscription WHERE client_id = ? AND subject = ? AND status = 'ACTIVE'",
                clientId,
                subject);
    }

    /**
     * Removes up to {@code limit} deliveries delivered before {@code before} (the retention of delivered rows); returns
     * how many. Through the partial index of V31, so the purge does not read the deliveries still to be sent.
     */
    @Transactional
    public int purgeDelivered(Instant before, int limit) {
        return update(
                "DELETE FROM webhook_delivery WHERE id IN (SELECT id FROM webhook_delivery"
                        + " WHERE status = 'DELIVERED' AND delivered_at < ? ORDER BY delivered_at LIMIT ?)",
                Timestamp.from(before),
                limit);
    }

    /** Whether any subscription is active (the fan-out's first question for every batch of events). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean anyActive() {
        return count("SELECT count(*) FROM (SELECT 1 FROM webhook_subscription WHERE status = 'ACTIVE' LIMIT 1) a") > 0;
    }

    /** The active subscriptions of a filer (client and subject) that take {@code type}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Subscription> activeFor(String clientId, String subject, String type) {
        List<Subscription> out = new ArrayList<>();
        for (Subscription s :
                subscriptions("WHERE client_id = ? AND subject = ? AND status = 'ACTIVE'", clientId, subject)) {
            if (s.types().contains(type)) {
                out.add(s);
            }
        }
        return out;
    }

    @Transactional
    public boolean delete(UUID id, String clientId, String subject) {
        return update(
                        "DELETE FROM webhook_subscription WHERE id = ? AND client_id = ? AND subject = ?",
                        id,
                        clientId,
                        subject)
                == 1;
    }

    /** Adds a delivery unless the subscription already has this event (a redelivered record). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(UUID subscriptionId, String eventId, String eventType, String payload, Instant now) {
        update(
                "INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status, attempts,"
                        + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)"
                        + " ON CONFLICT (subscription_id, event_id) DO NOTHING",
                UUID.randomUUID(),
                subscriptionId,
                eventId,
                eventType,
                payload,
                Timestamp.from(now),
                Timestamp.from(now));
    }

    /**
     * Claims up to {@code limit} due deliveries of active subscriptions for {@code leaseSeconds}, oldest due first;
     * a replica running the same pass skips the rows this one holds.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claim(Instant now, long leaseSeconds, int limit) {
        String sql = "UPDATE webhook_delivery d SET leased_until = ?, attempts = d.attempts + 1"
                + " FROM webhook_subscription s WHERE s.id = d.subscription_id AND d.id IN ("
                + " SELECT x.id FROM webhook_delivery x WHERE x.status = 'PENDING' AND x.next_attempt_at <= ?"
                + " AND (x.leased_until IS NULL OR x.leased_until < ?) ORDER BY x.next_attempt_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED)"
                + " RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.payload, d.status, d.attempts,"
                + " d.last_status, d.last_error, d.created_at, d.next_attempt_at, d.delivered_at, s.url, s.mode, s.secret,"
                + " s.status AS subscription_status";
        List<Claimed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, Timestamp.from(now.plusSeconds(leaseSeconds)), Timestamp.from(now), Timestamp.from(now), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Claimed(
                            delivery(rs),
                            rs.getString("url"),
                            DeliveryMode.valueOf(rs.getString("mode")),
                            rs.getString("secret")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim webhook deliveries", e);
        }
        return out;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void delivered(UUID id, int status, Instant now) {
        update(
                "UPDATE webhook_delivery SET status = 'DELIVERED', last_status = ?, last_error = NULL,"
                        + " delivered_at = ?, leased_until = NULL WHERE id = ?",
                status,
                Timestamp.from(now),
                id);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(UUID id, Integer status, String error, Instant nextAttempt, boolean dead) {
        update(
                "UPDATE webhook_delivery SET status = ?, last_status = ?, last_error = ?, next_attempt_at = ?,"
                        + " leased_until = NULL WHERE id = ?",
                dead ? "DEAD" : "PENDING",
                status,
                error.length() > 300 ? error.substring(0, 300) : error,
                Timestamp.from(nextAttempt),
                id);
    }

    /** The receiver answered 410 Gone: the subscription ends, its queued deliveries go to the dead-letter list. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void gone(UUID subscriptionId, Instant now) {
        update(
                "UPDATE webhook_subscription SET status = 'DISABLED', disabled_at = ? WHERE id = ? AND status = 'ACTIVE'",
                Timestamp.from(now),
                subscriptionId);
        update(
                "UPDATE webhook_delivery SET status = 'DEAD', leased_until = NULL, last_error = 'the receiver answered"
                        + " 410 Gone: subscription disabled' WHERE subscription_id = ? AND status = 'PENDING'",
                subscriptionId);
    }

    @Transactional
    public List<Delivery> deliveries(UUID subscriptionId, String status, int offset, int limit) {
        List<Object> args = new ArrayList<>(List.of(subscriptionId));
        String where = "WHERE subscription_id = ?";
        if (status != null) {
            where += " AND status = ?";
            args.add(status);
        }
        args.add(limit);
        args.add(offset);
        return deliveryRows(where + " ORDER BY created_at, id LIMIT ? OFFSET ?", args.toArray());
    }

    @Transactional
    public long deliveryCount(UUID subscriptionId, String status) {
        return status == null
                ? count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?", subscriptionId)
                : count(
                        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND status = ?",
                        subscriptionId,
                        status);
    }

    @Transactional
    public Optional<Delivery> delivery(UUID subscriptionId, UUID id) {
        return deliveryRows("WHERE subscription_id = ? AND id = ?", subscriptionId, id).stream()
                .findFirst();
    }

    /** Puts dead deliveries (one, or all of the subscription's when {@code id} is null) back in the queue. */
    @Transactional
    public int replay(UUID subscriptionId, UUID id, Instant now) {
        String sql = "UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?,"
                + " leased_until = NULL WHERE subscription_id = ? AND status = 'DEAD'";
        return id == null
                ? update(sql, Timestamp.from(now), subscriptionId)
                : update(sql + " AND id = ?", Timestamp.from(now), subscriptionId, id);
    }

    /** The filer of a report (client and subject) and its external reference, or empty for a person's report. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String[]> filer(UUID deviationId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT reporter_client, reporter_subject, external_source, external_id FROM deviation"
                                + " WHERE id = ? AND reporter_client IS NOT NULL")) {
            ps.setObject(1, deviationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the report's filer", e);
        }
    }

    private List<Subscription> subscriptions(String where, Object... args) {
        List<Subscription> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscription " + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Subscription(
                            rs.getObject("id", UUID.class),
                            rs.getString("client_id"),
                            rs.getString("subject"),
                            rs.getString("url"),
                            Arrays.asList(rs.getString("event_types").split(",")),
                            DeliveryMode.valueOf(rs.getString("mode")),
                            rs.getString("secret"),
                            rs.getString("status"),
                            rs.getString("request_hash"),
                            rs.getTimestamp("created_at").toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read webhook subscriptions", e);
        }
        return out;
    }

    private List<Delivery> deliveryRows(String where, Object... args) {
        List<Delivery> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery " + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(delivery(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read webhook deliveries", e);
        }
        return out;
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        int lastStatus = rs.getInt("last_status");
        Integer last = rs.wasNull() ? null : lastStatus;
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(
                rs.getObject("id", UUID.class),
                rs.getObject("subscription_id", UUID.class),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("payload"),
                rs.getString("status"),
                rs.getInt("attempts"),
                last,
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("next_attempt_at").toInstant(),
                delivered == null ? null : delivered.toInstant());
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("webhook store update failed", e);
        }
    }

    private int count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("webhook store query failed", e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
