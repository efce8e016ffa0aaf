package se.kvalitet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;

class EventCodecTest {

    private final DeviationReportedV1 event = new DeviationReportedV1(
            UUID.randomUUID(),
            UUID.randomUUID(),
            List.of(UUID.randomUUID()),
            "STAFF",
            DeviationCategory.LEX_SARAH,
            LocalDate.of(2026, 3, 1),
            Instant.parse("2026-03-02T08:15:00Z"));

    @Test
    void envelopeRoundTripsThroughKafkaBinaryHeaders() {
        EventEnvelope env = EventCodec.envelope(
                event, URI.create("/kvalitet/deviation-service"), Instant.parse("2026-03-02T08:15:01Z"), "corr-1");
        RecordHeaders headers = new RecordHeaders(EventCodec.headers(env));

        EventEnvelope back = EventCodec.fromKafka(headers, env.data());

        assertThat(back.id()).isEqualTo(env.id());
        assertThat(back.type()).isEqualTo("se.kvalitet.deviation.reported.v1");
        assertThat(back.subject()).isEqualTo(event.deviationId().toString());
        assertThat(back.correlationId()).isEqualTo("corr-1");
        assertThat(back.time()).isEqualTo(Instant.parse("2026-03-02T08:15:01Z"));
        assertThat(EventCodec.data(back, DeviationReportedV1.class)).isEqualTo(event);
    }

    @Test
    void theCloudEventsSdkReadsWhatWeWrite() {
        EventEnvelope env = EventCodec.envelope(event, URI.create("/kvalitet/deviation-service"), Instant.now(), null);
        MessageReader reader = KafkaMessageFactory.createReader(new RecordHeaders(EventCodec.headers(env)), env.data());

        CloudEvent ce = reader.toEvent();

        assertThat(ce.getId()).isEqualTo(env.id());
        assertThat(ce.getType()).isEqualTo(DeviationReportedV1.TYPE);
        assertThat(ce.getSource()).isEqualTo(URI.create("/kvalitet/deviation-service"));
        assertThat(ce.getDataContentType()).isEqualTo("application/json");
        assertThat(ce.getDataSchema()).isEqualTo(EventCodec.schemaUri(DeviationReportedV1.TYPE));
        assertThat(new String(ce.getData().toBytes(), StandardCharsets.UTF_8)).contains("\"orgUnitId\"");
    }

    @Test
    void dataValidatesAgainstItsSchemaAndTheSchemaRejectsExtraFields() {
        EventEnvelope env = EventCodec.envelope(event, URI.create("/x"), Instant.now(), null);
        assertThat(EventSchemas.validate(env.type(), env.data())).isEmpty();

        byte[] withName = new String(env.data(), StandardCharsets.UTF_8)
                .replace("{", "{\"personName\":\"Anna\",")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(env.type(), withName)).isNotEmpty();
    }

    @Test
    void unknownFieldsAreIgnoredByConsumers() {
        EventEnvelope env = EventCodec.envelope(event, URI.create("/x"), Instant.now(), null);
        byte[] newer = new String(env.data(), StandardCharsets.UTF_8)
                .replace("{", "{\"addedLater\":42,")
                .getBytes(StandardCharsets.UTF_8);
        EventEnvelope newerEnv = new EventEnvelope(
                env.id(), env.source(), env.type(), env.time(), env.subject(), env.dataSchema(), null, newer);
        assertThat(EventCodec.data(newerEnv, DeviationReportedV1.class)).isEqualTo(event);
    }

    @Test
    void recordsWithoutRequiredAttributesAreMalformed() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", "x".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> EventCodec.fromKafka(headers, new byte[0]))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ce_source");
        assertThatThrownBy(() -> EventCodec.fromKafka(new RecordHeaders(), new byte[0]))
                .isInstanceOf(MalformedEventException.class);
    }
}
