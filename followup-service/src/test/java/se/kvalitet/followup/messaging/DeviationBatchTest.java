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

    @Test
    void aReportArrivingAfterALaterTriageKeepsTheTriagedUnitsAndAddsItsChannel() {
        UUID reportedUnit = UUID.randomUUID();
        UUID movedTo = UUID.randomUUID();
        UUID involved = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        Instant reportedAt = Instant.parse("2026-03-01T08:00:00Z");
        EventEnvelope report = Fixtures.envelope(new DeviationReportedV1(
                id,
                reportedUnit,
                List.of(involved),
                "CASE_SYSTEM",
                DeviationCategory.OTHER_DEVIATION,
                LocalDate.of(2026, 2, 28),
                reportedAt));
        EventEnvelope triage = Fixtures.envelope(new DeviationTriagedV1(
                id,
                movedTo,
                List.of(),
                List.of(DeviationCategory.LEX_SARAH),
                List.of(),
                false,
                reportedAt.plusSeconds(3600)));
        // the triage (later) is consumed first, then the report (earlier), then the report again under a new event id
        consumer.consume(records(triage));
        consumer.consume(records(report, Fixtures.envelope(EventCodec.data(report))));

        assertThat(Fixtures.count(
                        "SELECT count(*) FROM deviation_fact WHERE deviation_id = ? AND org_unit_id = ?"
                                + " AND channel = 'CASE_SYSTEM' AND reported_on = DATE '2026-03-01'",
                        id,
                        movedTo))
                .isEqualTo(1);
        assertThat(Fixtures.count("SELECT count(*) FROM deviation_fact_unit WHERE deviation_id = ?", id))
                .isEqualTo(1);
        assertThat(Fixtures.count(
                        "SELECT count(*) FROM deviation_fact_unit WHERE deviation_id = ? AND org_unit_id = ?",
                        id,
                        movedTo))
                .isEqualTo(1);

        // in order, for another report: its units are the report's, where it happened and the unit involved
        UUID other = UUID.randomUUID();
        consumer.consume(records(Fixtures.envelope(new DeviationReportedV1(
                other,
                reportedUnit,
                List.of(involved),
                "STAFF",
                DeviationCategory.OTHER_DEVIATION,
                LocalDate.of(2026, 2, 28),
                reportedAt))));
        assertThat(Fixtures.count("SELECT count(*) FROM deviation_fact_unit WHERE deviation_id = ?", other))
                .isEqualTo(2);
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
