package se.kvalitet.report;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCatalog;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.events.registry.OrgUnitChangedV1;

/** Publishes the other services' events to the test broker, as those services would (CloudEvents, key = aggregate id). */
final class Events {

    private static KafkaProducer<String, byte[]> producer;

    private Events() {}

    static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put("bootstrap.servers", System.getProperty("kvalitet.test.kafka.bootstrap-servers"));
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    static EventEnvelope envelope(DomainEvent e) {
        return EventCodec.envelope(e, URI.create("/kvalitet/test"), Instant.now(), null);
    }

    static EventEnvelope send(DomainEvent e) {
        EventEnvelope env = envelope(e);
        send(env);
        return env;
    }

    static void send(EventEnvelope env) {
        try {
            producer()
                    .send(new ProducerRecord<>(
                            EventCatalog.topicOf(EventCatalog.byType(env.type()).orElseThrow()),
                            null,
                            env.subject(),
                            env.data(),
                            EventCodec.headers(env)))
                    .get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static void unit(UUID id, UUID parent, String name, String type, LocalDate from) {
        send(new OrgUnitChangedV1(
                id,
                null,
                name,
                type,
                parent,
                from,
                true,
                parent == null ? "CREATED" : "UPDATED",
                List.of(),
                Instant.now()));
    }

    /** A report, triaged into the categories. */
    static UUID deviation(UUID unit, List<UUID> involved, LocalDate on, DeviationCategory... categories) {
        UUID id = UUID.randomUUID();
        Instant at = on.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(3600);
        send(new DeviationReportedV1(
                id, unit, involved, "STAFF", categories.length > 0 ? categories[0] : null, on, at));
        if (categories.length > 0) {
            send(new DeviationTriagedV1(
                    id, unit, involved, List.of(categories), List.of(), false, at.plusSeconds(600)));
        }
        return id;
    }

    /** A track closed with its assessment and notification outcome, and the initial notification. */
    static void closedTrack(
            UUID deviation,
            UUID unit,
            DeviationCategory type,
            Assessment assessment,
            boolean serious,
            boolean notified,
            boolean onTime,
            LocalDate on) {
        UUID track = UUID.randomUUID();
        Instant at = on.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(86_400 * 5);
        if (notified) {
            send(new DeviationAuthorityNotifiedV1(
                    deviation,
                    track,
                    type,
                    UUID.randomUUID(),
                    type == DeviationCategory.PERSONAL_DATA_BREACH ? Authority.IMY : Authority.IVO,
                    NotificationKind.INITIAL,
                    unit,
                    at.minusSeconds(86_400),
                    at.minusSeconds(onTime ? -3600 : 3600 * 30),
                    at,
                    onTime,
                    onTime ? 0 : 2,
                    onTime ? 0 : 30));
        }
        send(new DeviationTrackClosedV1(
                deviation,
                track,
                type,
                DeviationTrackClosedV1.Closure.COMPLETED,
                unit,
                List.of(),
                at.minusSeconds(86_400 * 4),
                at,
                on.plusDays(5),
                assessment,
                serious,
                notified,
                notified ? onTime : null,
                null,
                null,
                null,
                null));
    }
}
