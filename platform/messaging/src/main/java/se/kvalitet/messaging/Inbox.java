package se.kvalitet.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.MalformedEventException;

/**
 * Idempotent consumption: the event id is inserted under a unique key (consumer, event id) in the
 * same transaction as the consumer's effect, so a redelivered event has no second effect. An
 * effect that keeps failing after {@code kvalitet.inbox.max-attempts} goes to
 * {@code dead_letter_event} (with its headers and body, for replay) instead of blocking its
 * partition forever; so does a record that is not a valid event.
 *
 * <p>{@link #processBatch} applies a polled batch of records in one transaction: one inbox insert
 * for all of them (an event id met twice, inside the batch or before it, has its effect once), then
 * the consumer's effect of the events that are new, in their order. If that transaction fails, the
 * batch is applied again record by record through {@link #process}, so a record that cannot be
 * applied gets the same retries and dead letter as when it is consumed alone, and the other records
 * of its batch are applied.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kvalitet.inbox.max-attempts", defaultValue = "8")
    int maxAttempts;

    @ConfigProperty(name = "kvalitet.inbox.first-backoff", defaultValue = "PT0.2S")
    Duration firstBackoff;

    /** Applies {@code handler} to the record's event once per {@code consumer}; returns whether it had an effect. */
    public boolean process(String consumer, ConsumerRecord<String, byte[]> record, EventHandler handler) {
        EventEnvelope env = decode(consumer, record);
        return env != null && processDecoded(consumer, record, env, handler);
    }

    /**
     * Applies {@code handler} to the new events of a polled batch (in record order, each event id
     * once) in one transaction; returns how many events had an effect. Records that are not valid
     * events go to {@code dead_letter_event} first. When the batch's transaction fails, its records
     * are applied one by one ({@link #process}), each in its own transaction with its own retries and
     * dead letter, so one poison record cannot hold the others back.
     */
    public int processBatch(String consumer, List<ConsumerRecord<String, byte[]>> records, BatchEventHandler handler) {
        List<ConsumerRecord<String, byte[]>> valid = new ArrayList<>(records.size());
        List<EventEnvelope> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope env = decode(consumer, record);
            if (env != null) {
                valid.add(record);
                events.add(env);
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        EventHandler single = env -> handler.apply(List.of(env));
        if (events.size() == 1) {
            return processDecoded(consumer, valid.get(0), events.get(0), single) ? 1 : 0;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                List<EventEnvelope> fresh = firstDeliveries(consumer, events);
                if (!fresh.isEmpty()) {
                    handler.apply(fresh);
                }
                return fresh.size();
            });
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null && e.getClass() == RuntimeException.class ? e.getCause() : e;
            LOG.warnf(
                    "%s: batch of %d events (%s-%d@%d..) failed, applying them one by one: %s",
                    consumer,
                    events.size(),
                    valid.get(0).topic(),
                    valid.get(0).partition(),
                    valid.get(0).offset(),
                    cause.toString());
            int applied = 0;
            for (int i = 0; i < events.size(); i++) {
                if (processDecoded(consumer, valid.get(i), events.get(i), single)) {
                    applied++;
                }
            }
            return applied;
        }
    }

    /** The record's event, or null after setting a record that is not a valid event aside. */
    private EventEnvelope decode(String consumer, ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.fromKafka(record.headers(), record.value());
        } catch (MalformedEventException e) {
            LOG.warnf(
                    "%s: skipping malformed record %s-%d@%d: %s",
                    consumer, record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetter(consumer, record, null, e);
            return null;
        }
    }

    private boolean processDecoded(
            String consumer, ConsumerRecord<String, byte[]> record, EventEnvelope env, EventHandler handler) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!firstDelivery(consumer, env)) {
                        return false;
                    }
                    handler.apply(env);
                    return true;
                });
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null && e.getClass() == RuntimeException.class ? e.getCause() : e;
                if (attempt >= maxAttempts) {
                    LOG.errorf(
                            "%s: event %s (%s) failed %d times, moved to dead_letter_event: %s",
                            consumer, env.id(), env.type(), attempt, cause.toString());
                    deadLetter(consumer, record, env, cause);
                    return false;
                }
                LOG.warnf(
                        "%s: event %s (%s) failed (attempt %d), retrying in %s: %s",
                        consumer, env.id(), env.type(), attempt, backoff, cause.toString());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Inserts the inbox keys of several events inside the current transaction (one statement, keys
     * in sorted order so concurrent batches lock them in the same order); returns the events this
     * consumer did not have yet, in their order, an event id repeated in the list only once.
     */
    public List<EventEnvelope> firstDeliveries(String consumer, List<EventEnvelope> events) throws SQLException {
        Map<String, EventEnvelope> byId = new LinkedHashMap<>();
        for (EventEnvelope env : events) {
            byId.putIfAbsent(env.id(), env);
        }
        String[] ids = byId.keySet().toArray(String[]::new);
        String[] types = byId.values().stream().map(EventEnvelope::type).toArray(String[]::new);
        Set<String> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO inbox_event (consumer, event_id, event_type)
                        SELECT ?, e.id, e.type FROM unnest(?::varchar[], ?::varchar[]) AS e(id, type) ORDER BY e.id
                        ON CONFLICT DO NOTHING RETURNING event_id""")) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("varchar", ids));
            ps.setArray(3, c.createArrayOf("varchar", types));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        List<EventEnvelope> fresh = new ArrayList<>(inserted.size());
        for (EventEnvelope env : byId.values()) {
            if (inserted.contains(env.id())) {
                fresh.add(env);
            }
        }
        return fresh;
    }

    /** Inserts the inbox key inside the current transaction; false when this consumer already had the event. */
    public boolean firstDelivery(String consumer, EventEnvelope env) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO inbox_event (consumer, event_id, event_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, consumer);
            ps.setString(2, env.id());
            ps.setString(3, env.type());
            return ps.executeUpdate() == 1;
        }
    }

    private void deadLetter(
            String consumer, ConsumerRecord<String, byte[]> record, EventEnvelope env, Throwable error) {
        Map<String, String> headerMap = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headerMap.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        String headers;
        try {
            headers = EventCodec.mapper().writeValueAsString(headerMap);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            headers = "{}";
        }
        String message = error.toString();
        String json = headers;
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO dead_letter_event (consumer, topic, kafka_partition, kafka_offset, event_id,
                                                           event_type, error, headers, payload)
                            VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""")) {
                ps.setString(1, consumer);
                ps.setString(2, record.topic());
                ps.setInt(3, record.partition());
                ps.setLong(4, record.offset());
                ps.setString(5, env == null ? null : env.id());
                ps.setString(6, env == null ? null : env.type());
                ps.setString(7, message.length() > 1000 ? message.substring(0, 1000) : message);
                ps.setString(8, json);
                ps.setBytes(9, record.value());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not write dead letter", e);
            }
        });
    }
}
