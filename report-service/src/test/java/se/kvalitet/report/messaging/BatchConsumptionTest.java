package se.kvalitet.report.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationActionEffectCheckedV1;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationDeadlineOverdueV1;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.events.deviation.RootCause;
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

    /**
     * The set-based batch gives exactly the rows the events give one by one, for a stream whose order
     * makes the batch cut itself into chunks (a triage after the closing, a track opened again after
     * its closing) and whose repeated keys must fold by each table's rule (an older triage, a repeated
     * notification and deadline, a report reported twice, closings with and without categories, an
     * action done before it was added). Two copies of the same stories under two id namespaces: one
     * applied an event per transaction, the other as one batch; then every stored summary column
     * equals its per-report SQL definition ({@code report_deviation_flags}, the category bits).
     */
    @Test
    void aBatchStoresWhatItsEventsStoreOneByOne() throws SQLException {
        long one = ThreadLocalRandom.current().nextLong();
        long batch = ThreadLocalRandom.current().nextLong();
        for (EventEnvelope env : stories(one)) {
            QuarkusTransaction.requiringNew().run(() -> deviations.apply(env));
        }
        List<EventEnvelope> stories = stories(batch);
        QuarkusTransaction.requiringNew().run(() -> deviations.applyAll(stories));

        Map<String, List<String>> byOne = readModel(one);
        assertThat(byOne.get("deviation_fact")).hasSize(4);
        assertThat(byOne.get("deviation_fact_track")).hasSize(2);
        assertThat(readModel(batch)).isEqualTo(byOne);
        // spot checks of the folding rules on the stored rows
        assertThat(byOne.get("deviation_fact_category"))
                .containsExactly("000000000001|LEX_MARIA", "000000000002|COMPLAINT", "000000000004|LEX_SARAH");
        assertThat(byOne.get("deviation_fact_notification"))
                .anyMatch(r -> r.startsWith("00000000001e|") && r.contains("|false|5"));
        for (long ns : List.of(one, batch)) {
            assertThat(count("SELECT count(*) FROM deviation_fact f WHERE deviation_id BETWEEN '" + new UUID(ns, 0)
                            + "' AND '" + new UUID(ns, 999) + "' AND (flags <> report_deviation_flags(deviation_id)"
                            + " OR category_mask <> coalesce((SELECT bit_or(report_category_bit(c.category))"
                            + " FROM deviation_fact_category c WHERE c.deviation_id = f.deviation_id),"
                            + " report_category_bit(coalesce(f.category, 'UNCLASSIFIED')))"
                            + " OR multi_unit <> EXISTS (SELECT 1 FROM deviation_fact_involved_unit i"
                            + " WHERE i.deviation_id = f.deviation_id AND i.org_unit_id <> f.org_unit_id))"))
                    .isZero();
        }
    }

    /** Four reports' events, interleaved, every id in namespace {@code ns} (its low bits are the same in every copy). */
    private static List<EventEnvelope> stories(long ns) {
        UUID r1 = new UUID(ns, 1), r2 = new UUID(ns, 2), r3 = new UUID(ns, 3), r4 = new UUID(ns, 4);
        UUID unit = new UUID(ns, 100), other = new UUID(ns, 101);
        UUID k1 = new UUID(ns, 10), k3 = new UUID(ns, 13), a1 = new UUID(ns, 20), n1 = new UUID(ns, 30);
        UUID n3 = new UUID(ns, 33), n4 = new UUID(ns, 34), o1 = new UUID(ns, 40);
        Instant t = Instant.parse("2025-03-03T08:00:00Z");
        LocalDate day = LocalDate.of(2025, 3, 3);
        List<DomainEvent> events = List.of(
                new DeviationReportedV1(r1, unit, List.of(other), "STAFF", DeviationCategory.LEX_SARAH, day, t),
                new DeviationReportedV1(r2, unit, List.of(), "WEB", null, day, t),
                new DeviationTriagedV1(
                        r1,
                        unit,
                        List.of(),
                        List.of(DeviationCategory.LEX_SARAH, DeviationCategory.COMPLAINT),
                        List.of(),
                        false,
                        t.plusSeconds(3600)),
                new DeviationReportedV1(r3, unit, List.of(), "STAFF", DeviationCategory.OTHER_DEVIATION, day, t),
                // an older decision arriving later does not replace the newer one
                new DeviationTriagedV1(
                        r1, unit, List.of(), List.of(DeviationCategory.OTHER_DEVIATION), List.of(), false, t),
                new DeviationTrackOpenedV1(r1, k1, DeviationCategory.LEX_SARAH, unit, List.of(), t.plusSeconds(3600)),
                new DeviationActionDoneV1(
                        r1,
                        a1,
                        DeviationCategory.LEX_SARAH,
                        unit,
                        unit,
                        List.of(),
                        null,
                        day.plusDays(9),
                        true,
                        0,
                        t.plusSeconds(9 * 86_400)),
                new DeviationClosedV1(
                        r2, unit, List.of(), List.of(), t, day, t.plusSeconds(86_400), day.plusDays(1), 1, 0),
                new DeviationInvestigationCompletedV1(
                        r1,
                        k1,
                        DeviationCategory.LEX_SARAH,
                        unit,
                        List.of(),
                        Assessment.MISSFORHALLANDE,
                        true,
                        true,
                        List.of(RootCause.MISSING_ROUTINE, RootCause.DEFICIENT_ROUTINE),
                        List.of(),
                        1,
                        t.plusSeconds(2 * 86_400),
                        day.plusDays(2)),
                new DeviationAuthorityNotifiedV1(
                        r1,
                        k1,
                        DeviationCategory.LEX_SARAH,
                        n1,
                        Authority.IVO,
                        NotificationKind.INITIAL,
                        unit,
                        t,
                        t.plusSeconds(86_400),
                        t.plusSeconds(86_400 + 5 * 3600),
                        false,
                        0,
                        5),
                new DeviationReportedV1(r3, unit, List.of(), "WEB", DeviationCategory.COMPLAINT, day.minusDays(1), t),
                // the same notification again (redelivered under another event id): the first stays
                new DeviationAuthorityNotifiedV1(
                        r1,
                        k1,
                        DeviationCategory.LEX_SARAH,
                        n1,
                        Authority.IVO,
                        NotificationKind.INITIAL,
                        unit,
                        t,
                        t.plusSeconds(86_400),
                        t.plusSeconds(3600),
                        true,
                        0,
                        0),
                new DeviationClosedV1(
                        r2,
                        unit,
                        List.of(),
                        List.of(DeviationCategory.COMPLAINT),
                        t,
                        day,
                        t.plusSeconds(2 * 86_400),
                        day.plusDays(2),
                        2,
                        0),
                new DeviationActionAddedV1(
                        r1,
                        a1,
                        k1,
                        DeviationCategory.LEX_SARAH,
                        unit,
                        unit,
                        List.of(),
                        List.of(),
                        day.plusDays(10),
                        t.plusSeconds(2 * 86_400)),
                new DeviationTrackOpenedV1(
                        r3, k3, DeviationCategory.PERSONAL_DATA_BREACH, unit, List.of(), t.plusSeconds(60)),
                new DeviationTrackClosedV1(
                        r1,
                        k1,
                        DeviationCategory.LEX_SARAH,
                        DeviationTrackClosedV1.Closure.COMPLETED,
                        unit,
                        List.of(other),
                        null,
                        t.plusSeconds(3 * 86_400),
                        day.plusDays(3),
                        null,
                        null,
                        true,
                        false,
                        null,
                        null,
                        null,
                        null),
                new DeviationDeadlineOverdueV1(
                        r1,
                        o1,
                        ClockKind.LEX_SARAH_IVO_NOTIFICATION,
                        k1,
                        DeviationCategory.LEX_SARAH,
                        unit,
                        t,
                        t.plusSeconds(86_400),
                        day.plusDays(1),
                        t.plusSeconds(86_400)),
                new DeviationDeadlineOverdueV1(
                        r1,
                        o1,
                        ClockKind.LEX_SARAH_INVESTIGATION,
                        k1,
                        DeviationCategory.LEX_SARAH,
                        unit,
                        t,
                        t.plusSeconds(86_400),
                        day.plusDays(5),
                        t.plusSeconds(86_400)),
                new DeviationReportedV1(r4, unit, List.of(), "STAFF", DeviationCategory.LEX_MARIA, day, t),
                new DeviationClosedV1(
                        r1,
                        unit,
                        List.of(),
                        List.of(DeviationCategory.LEX_SARAH),
                        t,
                        day,
                        t.plusSeconds(4 * 86_400),
                        day.plusDays(4),
                        4,
                        1),
                new DeviationTrackClosedV1(
                        r3,
                        k3,
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        DeviationTrackClosedV1.Closure.COMPLETED,
                        unit,
                        List.of(),
                        t,
                        t.plusSeconds(86_400),
                        day.plusDays(1),
                        Assessment.HIGH_RISK,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new DeviationClosedV1(
                        r2,
                        unit,
                        List.of(),
                        List.of(DeviationCategory.LEX_SARAH),
                        t,
                        day,
                        t.plusSeconds(3 * 86_400),
                        day.plusDays(3),
                        3,
                        0),
                // a track opened again after its closing: the batch is cut before it
                new DeviationTrackOpenedV1(
                        r1, k1, DeviationCategory.LEX_SARAH, unit, List.of(), t.plusSeconds(5 * 86_400)),
                new DeviationTriagedV1(
                        r4,
                        unit,
                        List.of(other),
                        List.of(DeviationCategory.LEX_SARAH),
                        List.of(),
                        false,
                        t.plusSeconds(3600)),
                new DeviationClosedV1(
                        r1,
                        unit,
                        List.of(),
                        List.of(DeviationCategory.COMPLAINT),
                        t,
                        day,
                        t.plusSeconds(5 * 86_400),
                        day.plusDays(5),
                        5,
                        1),
                // reclassified after the closing: a newer decision, so the batch is cut before it again
                new DeviationTriagedV1(
                        r1,
                        unit,
                        List.of(),
                        List.of(DeviationCategory.LEX_MARIA),
                        List.of(),
                        true,
                        t.plusSeconds(6 * 86_400)),
                new DeviationAuthorityNotifiedV1(
                        r3,
                        k3,
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        n3,
                        Authority.IMY,
                        NotificationKind.SUPPLEMENT,
                        unit,
                        t,
                        t.plusSeconds(72 * 3600),
                        t.plusSeconds(3600),
                        true,
                        0,
                        0),
                new DeviationAuthorityNotifiedV1(
                        r4,
                        new UUID(ns, 14),
                        DeviationCategory.LEX_MARIA,
                        n4,
                        Authority.IVO,
                        NotificationKind.INITIAL,
                        unit,
                        t,
                        t.plusSeconds(86_400),
                        t.plusSeconds(3600),
                        true,
                        0,
                        0),
                new DeviationActionEffectCheckedV1(
                        r1,
                        a1,
                        DeviationCategory.LEX_SARAH,
                        unit,
                        unit,
                        List.of(),
                        day.plusDays(10),
                        null,
                        day.plusDays(30),
                        true,
                        t.plusSeconds(30 * 86_400)));
        return events.stream().map(BatchConsumptionTest::envelope).toList();
    }

    /**
     * The deviation read model's rows of namespace {@code ns} per table, every id written as its low
     * bits (so two namespaces compare), {@code updated_at} left out, sorted.
     */
    private static Map<String, List<String>> readModel(long ns) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        String from = new UUID(ns, 0).toString();
        String to = new UUID(ns, 999).toString();
        Map<String, String> keys = new LinkedHashMap<>();
        deviationsTables().forEach(t -> keys.put(t, "deviation_id"));
        keys.put("deviation_day_cell", "org_unit_id");
        try (Connection c =
                DriverManager.getConnection(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres")) {
            for (Map.Entry<String, String> table : keys.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = c.createStatement()
                        .executeQuery("SELECT * FROM " + table.getKey() + " WHERE " + table.getValue() + " BETWEEN '"
                                + from + "' AND '" + to + "'")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        List<String> values = new ArrayList<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            if (meta.getColumnName(i).equals("updated_at")) {
                                continue;
                            }
                            Object v = rs.getObject(i);
                            values.add(
                                    v instanceof UUID u
                                            ? String.format("%012x", u.getLeastSignificantBits())
                                            : String.valueOf(v));
                        }
                        rows.add(String.join("|", values));
                    }
                }
                rows.sort(null);
                tables.put(table.getKey(), rows);
            }
        }
        return tables;
    }

    private static List<String> deviationsTables() {
        return List.of(
                "deviation_fact",
                "deviation_fact_involved_unit",
                "deviation_fact_triage",
                "deviation_fact_category",
                "deviation_fact_track",
                "deviation_fact_root_cause",
                "deviation_fact_notification",
                "deviation_fact_action",
                "deviation_fact_overdue");
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
