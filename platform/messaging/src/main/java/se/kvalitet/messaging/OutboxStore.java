package se.kvalitet.messaging;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.EventEnvelope;

/** SQL of the {@code outbox_event} table, on a connection the caller owns (and whose transaction it controls). */
public final class OutboxStore {

    /** One unsent row, as the relay reads it. */
    public record Row(long seq, String topic, String key, EventEnvelope envelope) {}

    private OutboxStore() {}

    public static void insert(Connection c, String topic, EventEnvelope e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox_event (event_id, topic, event_key, event_type, source, occurred_at, data_schema,
                                          correlation_id, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, UUID.fromString(e.id()));
            ps.setString(2, topic);
            ps.setString(3, e.subject());
            ps.setString(4, e.type());
            ps.setString(5, e.source().toString());
            ps.setTimestamp(6, Timestamp.from(e.time()));
            ps.setString(7, e.dataSchema() == null ? null : e.dataSchema().toString());
            ps.setString(8, e.correlationId());
            ps.setBytes(9, e.data());
            ps.executeUpdate();
        }
    }

    public static List<Row> unsent(Connection c, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT seq, topic, event_key, event_id, event_type, source, occurred_at, data_schema, correlation_id, payload
                FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(8);
                    EventEnvelope env = new EventEnvelope(
                            rs.getString(4),
                            URI.create(rs.getString(6)),
                            rs.getString(5),
                            rs.getTimestamp(7).toInstant(),
                            rs.getString(3),
                            schema == null ? null : URI.create(schema),
                            rs.getString(9),
                            rs.getBytes(10));
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), env));
                }
            }
        }
        return rows;
    }

    public static void markSent(Connection c, List<Long> seqs, Instant at) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox_event SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ANY (?)")) {
            Array array = c.createArrayOf("bigint", seqs.toArray());
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setArray(2, array);
            ps.executeUpdate();
        }
    }

    public static void markFailed(Connection c, long seq, String error) throws SQLException {
        markFailed(c, List.of(seq), error);
    }

    /** Counts a failed attempt on each of {@code seqs}; they stay unsent. */
    public static void markFailed(Connection c, List<Long> seqs, String error) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE seq = ANY (?) AND sent_at IS NULL")) {
            ps.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setArray(2, c.createArrayOf("bigint", seqs.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Takes or renews the relay's lease for {@code holder}: succeeds when nobody holds it, when
     * {@code holder} does, or when the other holder's lease has expired (the database's clock
     * decides, so replicas need not agree on time). Returns whether {@code holder} now holds it.
     */
    public static boolean acquireLease(Connection c, String holder, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox_relay_lease AS l (id, holder, acquired_at, expires_at)
                VALUES (1, ?, now(), now() + make_interval(secs => ?))
                ON CONFLICT (id) DO UPDATE
                    SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,
                        acquired_at = CASE WHEN l.holder = EXCLUDED.holder THEN l.acquired_at ELSE now() END
                    WHERE l.holder = EXCLUDED.holder OR l.expires_at < now()
                RETURNING holder""")) {
            ps.setString(1, holder);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Gives the lease up if {@code holder} has it, so another relay can take over at once. */
    public static void releaseLease(Connection c, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_relay_lease WHERE holder = ?")) {
            ps.setString(1, holder);
            ps.executeUpdate();
        }
    }

    /** Deletes rows published before {@code before}; returns how many. */
    public static int purgeSent(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_event WHERE sent_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }

    public static long countUnsent(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
