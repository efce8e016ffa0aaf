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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.testing.KafkaBroker;
import se.kvalitet.testing.PostgresServer;
import se.kvalitet.testing.TopicReader;

/** The relay against a real PostgreSQL and a real Kafka broker that is stopped and started again. */
class OutboxRelayTest {

    static PostgresServer pg;
    static KafkaBroker kafka;
    static PGSimpleDataSource ds;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start(0, null, true);
        pg.createDatabase("relay");
        kafka = KafkaBroker.start(0, null);
        ds = new PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl("relay"));
        ds.setUser(PostgresServer.USER);
        ds.setPassword(PostgresServer.PASSWORD);
        try (Connection c = ds.getConnection();
                InputStream in = OutboxRelayTest.class.getResourceAsStream("/db/messaging/V0_1__outbox_inbox.sql")) {
            c.createStatement().execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
        pg.close();
    }

    private OutboxRelay relay() {
        return new OutboxRelay(ds, () -> {
            Properties p = OutboxRelayRunner.producerProperties(kafka.bootstrapServers());
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500");
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "2000");
            return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }, 50, Duration.ofSeconds(5), Clock.systemUTC());
    }

    private static List<EventEnvelope> write(List<UUID> aggregates, int perAggregate) throws SQLException {
        List<EventEnvelope> written = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < perAggregate; i++) {
                for (UUID id : aggregates) {
                    DeviationReportedV1 e = new DeviationReportedV1(id, UUID.randomUUID(), List.of(), "STAFF",
                            DeviationCategory.OTHER_DEVIATION, java.time.LocalDate.now(), Instant.now());
                    EventEnvelope env = EventCodec.envelope(e, URI.create("/test"), Instant.now(), "c-" + i);
                    OutboxStore.insert(c, Topics.DEVIATION, env);
                    written.add(env);
                }
            }
            c.commit();
        }
        return written;
    }

    private static long unsent() throws SQLException {
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
            assertThat(unsent()).as("nothing is lost or marked sent while Kafka is down").isEqualTo(9);
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
            List<ConsumerRecord<String, byte[]>> records = reader.await(r -> keys.contains(r.key()), expected.size(),
                    Duration.ofSeconds(30));
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
                List<String> expectedOrder = expected.stream().filter(e -> e.subject().equals(aggregate.toString()))
                        .map(EventEnvelope::id).toList();
                assertThat(firstArrivals.get(aggregate.toString())).containsExactlyElementsOf(expectedOrder);
            }
        }
    }

    @Test
    void onlyOneRelayPublishesAtATime() throws Exception {
        try (Connection holder = ds.getConnection(); OutboxRelay relay = relay()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT pg_advisory_xact_lock(" + 0x6f7574626f78L + ")");
            write(List.of(UUID.randomUUID()), 1);
            assertThat(relay.relayOnce().lockHeldElsewhere()).isTrue();
            holder.rollback();
            assertThat(relay.relayOnce().sent()).isGreaterThanOrEqualTo(1);
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
        runner.sendTimeout = Duration.ofSeconds(5);
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
            assertThat(runner.publishingPasses()).as("passes for 20 commits woken within the coalescing window")
                    .isBetween(1L, 5L);
        } finally {
            runner.onStop(null);
        }
        try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), Topics.DEVIATION)) {
            List<String> keys = aggregates.stream().map(UUID::toString).toList();
            List<String> ids = reader.await(r -> keys.contains(r.key()), written.size(), Duration.ofSeconds(30)).stream()
                    .map(r -> EventCodec.fromKafka(r.headers(), r.value()).id()).distinct().toList();
            assertThat(ids).containsExactlyInAnyOrderElementsOf(written.stream().map(EventEnvelope::id).toList());
        }
    }
}
