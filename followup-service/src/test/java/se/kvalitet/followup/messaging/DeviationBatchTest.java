package se.kvalitet.followup.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.followup.Fixtures;

/**
 * Batches as one poll hands them to the deviation consumer, composed here so that a duplicate and a
 * poison record sit inside a batch: the duplicate has its effect once, the poison record alone goes
 * to the dead letters and the rest of its batch is applied.
 */
@QuarkusTest
class DeviationBatchTest {

    @Inject
    DeviationEventsConsumer consumer;

    private long offset = 1_000_000;

    @Test
    void duplicatesAreAppliedOnceAndAPoisonRecordDoesNotHoldItsBatchBack() {
        UUID unit = UUID.randomUUID();
        EventEnvelope a = Fixtures.envelope(reported(unit, "STAFF"));
        UUID aId = UUID.fromString(a.subject());
        EventEnvelope triageA = Fixtures.envelope(new DeviationTriagedV1(
                aId,
                unit,
                List.of(),
                List.of(DeviationCategory.LEX_SARAH, DeviationCategory.COMPLAINT),
                List.of(),
                false,
                Instant.now()));
        EventEnvelope b = Fixtures.envelope(reported(unit, "STAFF"));
        consumer.consume(records(a, triageA, a, b));
        consumer.consume(records(triageA, a));

        assertThat(Fixtures.count("SELECT count(*) FROM deviation_fact WHERE org_unit_id = ?", unit))
                .isEqualTo(2);
        assertThat(Fixtures.count("SELECT count(*) FROM deviation_fact_category WHERE deviation_id = ?", aId))
                .isEqualTo(2);
        assertThat(Fixtures.inboxed(DeviationEventsConsumer.CONSUMER, List.of(a, triageA, b)))
                .isEqualTo(3);

        // a channel longer than the column: every attempt to store it fails
        EventEnvelope poison = Fixtures.envelope(reported(unit, "A-CHANNEL-NAME-FAR-TOO-LONG-FOR-ITS-COLUMN"));
        EventEnvelope c = Fixtures.envelope(reported(unit, "STAFF"));
        consumer.consume(records(poison, c, b));

        assertThat(Fixtures.count("SELECT count(*) FROM deviation_fact WHERE org_unit_id = ?", unit))
                .isEqualTo(3);
        assertThat(Fixtures.count("SELECT count(*) FROM dead_letter_event WHERE event_id = ?", poison.id()))
                .isEqualTo(1);
        assertThat(Fixtures.count(
                        "SELECT count(*) FROM dead_letter_event WHERE event_id IN (?, ?, ?)", a.id(), b.id(), c.id()))
                .isZero();
        assertThat(Fixtures.inboxed(DeviationEventsConsumer.CONSUMER, List.of(poison)))
                .isZero();
    }

    private static DeviationReportedV1 reported(UUID unit, String channel) {
        return new DeviationReportedV1(
                UUID.randomUUID(),
                unit,
                List.of(),
                channel,
                DeviationCategory.OTHER_DEVIATION,
                LocalDate.of(2022, 2, 2),
                Instant.now());
    }

    /** The records of one poll, on one partition in offset order. */
    private List<ConsumerRecord<String, byte[]>> records(EventEnvelope... envs) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (EventEnvelope env : envs) {
            records.add(new ConsumerRecord<>(
                    Topics.DEVIATION,
                    0,
                    offset++,
                    System.currentTimeMillis(),
                    TimestampType.CREATE_TIME,
                    -1,
                    env.data().length,
                    env.subject(),
                    env.data(),
                    new RecordHeaders(EventCodec.headers(env)),
                    Optional.empty()));
        }
        return records;
    }
}
