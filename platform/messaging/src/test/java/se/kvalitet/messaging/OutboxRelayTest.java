package se.kvalitet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.testing.KafkaBroker;
import se.kvalitet.testing.PostgresServer;
import se.kvalitet.testing.TopicReader;

/** The relay against a real PostgreSQL and a real Kafka broker that is stopped and started again. */
class OutboxRelayTest {

    static PostgresServer pg;
    static KafkaBroker kafka;
    static int databases;
    /** A database of its own per test, so a row one test leaves unsent cannot disturb another. */
    PGSimpleDataSource ds;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start(0, null, true);
        kafka = KafkaBroker.start(0, null);
    }

    @BeforeEach
    void database() throws Exception {
        ds = newDatabase(pg, "relay" + (++databases));
    }

    /** A fresh database with platform/messaging's migrations applied. */
    static PGSimpleDataSource newDatabase(PostgresServer pg, String name) throws Exception {
        pg.createDatabase(name);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl(name));
        ds.setUser(PostgresServer.USER);
        ds.setPassword(PostgresServer.PASSWORD);
        for (String migration : List.of("V0_1__outbox_inbox.sql", "V0_2__outbox_relay_lease.sql")) {
            try (Connection c = ds.getConnection();
                    InputStream in = OutboxRelayTest.class.getResourceAsStream("/db/messaging/" + migration)) {
                c.createStatement().execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return ds;
    }

    @AfterAll
    static void stop() {
        kafka.close();
        pg.close();
    }

    private OutboxRelay relay() {
        return relay("relay-test");
    }

    private OutboxRelay relay(String holder) {
        return new OutboxRelay(
                ds,
                () -> {
                    Properties p = OutboxRelayRunner.producerProperties(kafka.bootstrapServers());
                    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500");
                    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
                    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "2000");
                    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
                },
                50,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                holder,
                Clock.systemUTC());
    }

    private List<EventEnvelope> write(List<UUID> aggregates, int perAggregate) throws SQLException {
        List<EventEnvelope> written = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < perAggregate; i++) {
                for (UUID id : aggregates) {
                    DeviationReportedV1 e = new DeviationReportedV1(
                            id,
                            UUID.randomUUID(),
                            List.of(),
                            "STAFF",
                            DeviationCategory.OTHER_DEVIATION,
                            java.time.LocalDate.now(),
                            Instant.now());
                    EventEnvelope env = EventCodec.envelope(e, URI.create("/test"), Instant.now(), "c-" + i);
                    OutboxStore.insert(c, Topics.DEVIATION, env);
                    written.add(env);
                }
            }
            c.commit();
        }
        return written;
    }

    private long unsent() throws SQLException {
        try (Connection c = ds.getConnection()) {
            return OutboxStore.countUnsent(c);
        }
    }

    @Test
    void everyEventArrivesInPerKeyOrderAfterKafkaWasDownDuringWrites() throws Exception {
        List<UUID> aggregates = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<EventEnvelope> expected = new ArrayList<>(write(aggregates, 2));
        try (OutboxRelay relay = relay()) {
            assertThat(relay.relayOnce().sent()).isEqualTo(6);
            assertThat(unsent()).isZero();

            kafka.stop();
            expected.addAll(write(aggregates, 3));
            OutboxRelay.Result whileDown = relay.relayOnce();
            assertThat(whileDown.failed()).isTrue();
            assertThat(whileDown.sent()).isZero();
            assertThat(unsent())
                    .as("nothing is lost or marked sent while Kafka is down")
                    .isEqualTo(9);
            expected.addAll(write(aggregates, 1));

            kafka.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (unsent() > 0 && System.nanoTime() < deadline) {
                relay.relayOnce();
            }
            assertThat(unsent()).isZero();
        }

        try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), Topics.DEVIATION)) {
            List<String> keys = aggregates.stream().map(UUID::toString).toList();
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> keys.contains(r.key()), expected.size(), Duration.ofSeconds(30));
            // at least once: every event arrives; first arrivals keep each aggregate's order
            Map<String, List<String>> firstArrivals = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                String id = EventCodec.fromKafka(r.headers(), r.value()).id();
                List<String> ids = firstArrivals.computeIfAbsent(r.key(), k -> new ArrayList<>());
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            for (UUID aggregate : aggregates) {
                List<String> expectedOrder = expected.stream()
                        .filter(e -> e.subject().equals(aggregate.toString()))
                        .map(EventEnvelope::id)
                        .toList();
                assertThat(firstArrivals.get(aggregate.toString())).containsExactlyElementsOf(expectedOrder);
            }
        }
    }

    @Test
    void onlyOneRelayPublishesAtATimeAndTheLeaseHoldsNoTransaction() throws Exception {
        OutboxRelay second = relay("replica-b");
        try (OutboxRelay first = relay("replica-a")) {
            write(List.of(UUID.randomUUID()), 1);
            assertThat(first.relayOnce().sent()).isEqualTo(1);
            write(List.of(UUID.randomUUID()), 1);
            OutboxRelay.Result refused = second.relayOnce();
            assertThat(refused.lockHeldElsewhere()).isTrue();
            assertThat(refused.sent()).isZero();
            assertThat(unsent()).isEqualTo(1);
            try (Connection c = ds.getConnection();
                    var rs = c.createStatement()
                            .executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                    + "AND state LIKE 'idle in transaction%'")) {
                rs.next();
                assertThat(rs.getInt(1))
                        .as("transactions left open between passes")
                        .isZero();
            }
        }
        // the first relay released its lease on close: the second takes over at once
        try (second) {
            assertThat(second.relayOnce().sent()).isEqualTo(1);
            assertThat(unsent()).isZero();
        }
        // the same holder (a restarted replica) takes its own unexpired lease back at once
        try (Connection c = ds.getConnection()) {
            assertThat(OutboxStore.acquireLease(c, "replica-c", Duration.ofMinutes(1)))
                    .isTrue();
            assertThat(OutboxStore.acquireLease(c, "replica-a", Duration.ofMinutes(1)))
                    .isFalse();
            assertThat(OutboxStore.acquireLease(c, "replica-c", Duration.ofMinutes(1)))
                    .isTrue();
        }
    }

    @Test
    void aRecordKafkaRefusesStaysUnsentWhileTheRecordsAroundItAreMarkedSentAndNotSentAgain() throws Exception {
        // a topic whose broker-side size limit refuses one record of the batch (after it was sent)
        String strict = "relay.strict." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(strict, 1, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2000"))))
                    .all()
                    .get();
        }
        UUID before = UUID.randomUUID();
        UUID big = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        UUID strictAfter = UUID.randomUUID();
        List<EventEnvelope> good = new ArrayList<>(write(List.of(before), 2));
        long bigSeq;
        try (Connection c = ds.getConnection()) {
            OutboxStore.insert(c, strict, rawEvent(big, 20_000));
            bigSeq = maxSeq(c);
        }
        good.addAll(write(List.of(after), 2));
        EventEnvelope small = rawEvent(strictAfter, 100);
        try (Connection c = ds.getConnection()) {
            OutboxStore.insert(c, strict, small);
        }

        try (OutboxRelay relay = relay()) {
            OutboxRelay.Result first = relay.relayOnce();
            assertThat(first.sent())
                    .as("every record Kafka acknowledged is marked")
                    .isEqualTo(5);
            assertThat(first.unsent()).isEqualTo(1);
            assertThat(first.failed()).isTrue();
            try (Connection c = ds.getConnection();
                    var rs = c.createStatement()
                            .executeQuery(
                                    "SELECT seq, sent_at IS NOT NULL, attempts, last_error FROM outbox_event ORDER BY seq")) {
                while (rs.next()) {
                    if (rs.getLong(1) == bigSeq) {
                        assertThat(rs.getBoolean(2)).isFalse();
                        assertThat(rs.getInt(3)).isEqualTo(1);
                        assertThat(rs.getString(4)).contains("RecordTooLarge");
                    } else {
                        assertThat(rs.getBoolean(2)).as("row " + rs.getLong(1)).isTrue();
                    }
                }
            }
            OutboxRelay.Result second = relay.relayOnce();
            assertThat(second.sent()).isZero();
            assertThat(second.unsent())
                    .as("only the refused record is tried again")
                    .isEqualTo(1);
            assertThat(unsent()).isEqualTo(1);
        }
        try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), Topics.DEVIATION)) {
            List<String> keys = List.of(before.toString(), after.toString());
            // wait for more than expected: a resend would show up as a fifth record
            List<String> ids =
                    reader.await(r -> keys.contains(r.key()), good.size() + 1, Duration.ofSeconds(3)).stream()
                            .map(r ->
                                    EventCodec.fromKafka(r.headers(), r.value()).id())
                            .toList();
            assertThat(ids)
                    .containsExactlyInAnyOrderElementsOf(
                            good.stream().map(EventEnvelope::id).toList());
        }
        try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), strict)) {
            List<String> ids = reader.await(r -> true, 2, Duration.ofSeconds(3)).stream()
                    .map(r -> EventCodec.fromKafka(r.headers(), r.value()).id())
                    .toList();
            assertThat(ids).containsExactly(small.id());
        }
    }

    private static EventEnvelope rawEvent(UUID aggregate, int size) {
        byte[] data = ("{\"pad\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
        return new EventEnvelope(
                UUID.randomUUID().toString(),
                URI.create("/test"),
                "se.kvalitet.test.padded.v1",
                Instant.now(),
                aggregate.toString(),
                null,
                null,
                data);
    }

    private static long maxSeq(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT max(seq) FROM outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theRunnerPublishesTheCommitsOfOneMomentInOnePassAndEveryEventArrives() throws Exception {
        OutboxRelayRunner runner = new OutboxRelayRunner();
        runner.dataSource = ds;
        runner.clock = Clock.systemUTC();
        runner.bootstrapServers = kafka.bootstrapServers();
        runner.enabled = true;
        runner.batchSize = 500;
        runner.pollInterval = Duration.ofMinutes(1); // only wake-ups start a pass here
        runner.maxBackoff = Duration.ofSeconds(1);
        runner.deliveryTimeout = Duration.ofSeconds(5);
        runner.lease = Duration.ofSeconds(10);
        runner.instance = new MessagingInstance();
        runner.instance.configured = java.util.Optional.of("runner-test");
        runner.instance.init();
        runner.retention = Duration.ofDays(7);
        runner.coalesce = Duration.ofMillis(500);
        runner.onStart(null);
        List<UUID> aggregates = new ArrayList<>();
        List<EventEnvelope> written = new ArrayList<>();
        try {
            // twenty transactions, each followed by the wake-up Outbox sends after its commit
            for (int i = 0; i < 20; i++) {
                UUID id = UUID.randomUUID();
                aggregates.add(id);
                written.addAll(write(List.of(id), 1));
                runner.wake();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (unsent() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(unsent()).isZero();
            assertThat(runner.publishingPasses())
                    .as("passes for 20 commits woken within the coalescing window")
                    .isBetween(1L, 5L);
        } finally {
            runner.onStop(null);
        }
        try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), Topics.DEVIATION)) {
            List<String> keys = aggregates.stream().map(UUID::toString).toList();
            List<String> ids =
                    reader.await(r -> keys.contains(r.key()), written.size(), Duration.ofSeconds(30)).stream()
                            .map(r ->
                                    EventCodec.fromKafka(r.headers(), r.value()).id())
                            .distinct()
                            .toList();
            assertThat(ids)
                    .containsExactlyInAnyOrderElementsOf(
                            written.stream().map(EventEnvelope::id).toList());
        }
    }
}
