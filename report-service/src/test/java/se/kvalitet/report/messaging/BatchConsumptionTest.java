package se.kvalitet.report.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.report.readmodel.DeviationProjection;

/**
 * Batches as one poll hands them to the deviation consumer (the same {@code consume} the channel
 * method calls), composed here so that a duplicate and a poison record sit inside a batch.
 */
@QuarkusTest
class BatchConsumptionTest {

    @Inject
    ReadModelConsumers consumers;

    @Inject
    DeviationProjection deviations;

    private long offset = 1_000_000;

    @Test
    void aDuplicateInsideABatchOrInAnEarlierBatchIsAppliedOnceAndSummariesFollowTheWholeBatch() {
        UUID unit = UUID.randomUUID();
        EventEnvelope a = envelope(reported(unit, "STAFF"));
        UUID aId = UUID.fromString(a.subject());
        EventEnvelope triageA = envelope(new DeviationTriagedV1(
                aId,
                unit,
                List.of(),
                List.of(DeviationCategory.LEX_SARAH, DeviationCategory.COMPLAINT),
                List.of(),
                false,
                Instant.now()));
        EventEnvelope b = envelope(reported(unit, "STAFF"));

        consumers.consume(deviations, records(a, triageA, a, b));
        consumers.consume(deviations, records(triageA, b, a));

        assertThat(count("SELECT count(*) FROM deviation_fact WHERE org_unit_id = '" + unit + "'"))
                .isEqualTo(2);
        for (EventEnvelope env : List.of(a, triageA, b)) {
            assertThat(count("SELECT count(*) FROM inbox_event WHERE consumer = '" + DeviationProjection.CONSUMER
                            + "' AND event_id = '" + env.id() + "'"))
                    .isEqualTo(1);
        }
        // the summary columns were recomputed after the triage that came later in the same batch
        assertThat(count("SELECT count(*) FROM deviation_fact WHERE deviation_id = '" + aId
                        + "' AND category_mask = report_category_bit('LEX_SARAH') | report_category_bit('COMPLAINT')"))
                .isEqualTo(1);
        assertThat(count("SELECT coalesce(sum(reports), 0) FROM deviation_day_cell WHERE org_unit_id = '" + unit + "'"))
                .isEqualTo(2);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLettersAloneAndTheRestOfItsBatchIsApplied() {
        UUID unit = UUID.randomUUID();
        EventEnvelope good1 = envelope(reported(unit, "STAFF"));
        // a channel longer than the read model's column: every attempt to store it fails
        EventEnvelope poison = envelope(reported(unit, "A-CHANNEL-NAME-FAR-TOO-LONG-FOR-ITS-COLUMN"));
        EventEnvelope good2 = envelope(reported(unit, "STAFF"));

        consumers.consume(deviations, records(good1, poison, good2));

        assertThat(count("SELECT count(*) FROM deviation_fact WHERE org_unit_id = '" + unit + "'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM dead_letter_event WHERE event_id = '" + poison.id() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dead_letter_event WHERE event_id IN ('" + good1.id() + "', '"
                        + good2.id() + "')"))
                .isZero();
        assertThat(count("SELECT count(*) FROM inbox_event WHERE event_id = '" + poison.id() + "'"))
                .isZero();

        // the next batch is applied in one go again
        EventEnvelope good3 = envelope(reported(unit, "STAFF"));
        consumers.consume(deviations, records(good3, good1));
        assertThat(count("SELECT count(*) FROM deviation_fact WHERE org_unit_id = '" + unit + "'"))
                .isEqualTo(3);
        assertThat(count("SELECT coalesce(sum(reports), 0) FROM deviation_day_cell WHERE org_unit_id = '" + unit + "'"))
                .isEqualTo(3);
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

    private static EventEnvelope envelope(DomainEvent e) {
        return EventCodec.envelope(e, URI.create("/kvalitet/test"), Instant.now(), null);
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

    private static long count(String sql) {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
