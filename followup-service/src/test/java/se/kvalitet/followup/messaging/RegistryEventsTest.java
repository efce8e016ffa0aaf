package se.kvalitet.followup.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.OrgUnitChangedV1;

/** The local copy of the organisation follows the registry's snapshots, once per event, the unit as last published is the newest day's. */
@QuarkusTest
class RegistryEventsTest {

    @Inject
    AgroalDataSource db;

    static void send(KafkaProducer<String, byte[]> producer, EventEnvelope env) throws Exception {
        producer.send(new ProducerRecord<>(Topics.REGISTRY, null, env.subject(), env.data(), EventCodec.headers(env)))
                .get();
    }

    static EventEnvelope snapshot(UUID id, UUID parent, String name, LocalDate from, boolean active, String change) {
        return EventCodec.envelope(
                new OrgUnitChangedV1(id, null, name, "UNIT", parent, from, active, change, List.of(), Instant.now()),
                URI.create("/kvalitet/process-registry-service"),
                Instant.now(),
                null);
    }

    String row(UUID id) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT name, parent_id, active FROM orgcopy_version WHERE org_unit_id = ? AND valid_to IS NULL")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3) : null;
            }
        }
    }

    int versions(UUID id) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM orgcopy_version WHERE org_unit_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    int inboxRows(String eventId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM inbox_event WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void snapshotsAreAppliedOnceAndALateOlderOneDoesNotUndoANewerOne() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", System.getProperty("kvalitet.test.kafka.bootstrap-servers"));
        UUID unit = UUID.randomUUID();
        UUID oldParent = UUID.randomUUID();
        UUID newParent = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            EventEnvelope created =
                    snapshot(unit, oldParent, "Hemtjänst Syd", LocalDate.of(2025, 1, 1), true, "CREATED");
            send(producer, created);
            send(producer, created); // redelivery
            await().atMost(Duration.ofSeconds(20)).until(() -> row(unit) != null);
            assertThat(row(unit)).isEqualTo("Hemtjänst Syd|" + oldParent + "|true");

            send(producer, snapshot(unit, newParent, "Hemtjänst Söder", LocalDate.of(2026, 3, 1), true, "MOVED"));
            await().atMost(Duration.ofSeconds(20)).until(() -> row(unit).startsWith("Hemtjänst Söder"));
            // an older snapshot arriving late is kept as history (platform/orgcopy) but the unit as last published
            // stays
            EventEnvelope late = snapshot(unit, oldParent, "Gammalt namn", LocalDate.of(2025, 6, 1), true, "RENAMED");
            send(producer, late);
            await().atMost(Duration.ofSeconds(20)).until(() -> inboxRows(late.id()) == 1);
            assertThat(row(unit)).isEqualTo("Hemtjänst Söder|" + newParent + "|true");
            assertThat(inboxRows(created.id())).isEqualTo(1);
            assertThat(versions(unit)).isEqualTo(3);
        }
    }
}
