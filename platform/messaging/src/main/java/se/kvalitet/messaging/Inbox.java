package se.kvalitet.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
        EventEnvelope env;
        try {
            env = EventCodec.fromKafka(record.headers(), record.value());
        } catch (MalformedEventException e) {
            LOG.warnf(
                    "%s: skipping malformed record %s-%d@%d: %s",
                    consumer, record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetter(consumer, record, null, e);
            return false;
        }
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
