package se.kvalitet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import se.kvalitet.events.EventCatalog;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.EventSchemas;

/** The event contract every producer's tests check on what it really emitted. */
public final class EventContract {

    private EventContract() {}

    /**
     * Asserts the record is a CloudEvents 1.0 binary-mode event the SDK parses, of a catalogued type,
     * keyed by its subject, whose body validates against its JSON Schema; returns its envelope.
     */
    public static EventEnvelope assertValid(ConsumerRecord<String, byte[]> record) {
        CloudEvent ce = KafkaMessageFactory.createReader(record).toEvent();
        assertThat(ce.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(ce.getDataContentType()).isEqualTo("application/json");
        EventEnvelope env = EventCodec.fromKafka(record.headers(), record.value());
        assertThat(EventCatalog.byType(env.type()))
                .as("catalogued type " + env.type())
                .isPresent();
        assertThat(ce.getDataSchema()).isEqualTo(EventCodec.schemaUri(env.type()));
        assertThat(record.key()).as("Kafka key = subject = aggregate id").isEqualTo(env.subject());
        assertThat(EventSchemas.validate(env.type(), record.value()))
                .as("schema violations of %s: %s", env.type(), new String(record.value(), StandardCharsets.UTF_8))
                .isEmpty();
        return env;
    }
}
