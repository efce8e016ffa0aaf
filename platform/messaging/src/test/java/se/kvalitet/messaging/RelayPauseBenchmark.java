package se.kvalitet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.testing.PostgresServer;

/**
 * Duplicates the outbox relay publishes when the broker freezes: a steady stream of outbox rows
 * (one commit each, woken like {@link Outbox} wakes the relay), the broker in a child JVM frozen
 * with SIGSTOP for 30 s in the middle and thawed with SIGCONT, then every record of the topic
 * counted per event id. The previous relay (prefix marking inside one transaction,
 * {@link PrefixMarkingRelay}) runs the same scenario in the same run as the baseline.
 *
 * <pre>
 * ./mvnw -B -pl platform/messaging -am verify -Pbench -Dtest=RelayPauseBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Knobs: {@code -Dbench.events=5000 -Dbench.rate=100} (commits per second)
 * {@code -Dbench.pause-at=10 -Dbench.pause=30} (seconds).
 */
@Tag("bench")
class RelayPauseBenchmark {

    private static final int KEYS = 500;

    record Figures(
            String relay,
            int written,
            int records,
            int distinct,
            int orderViolations,
            double drainSeconds,
            double maxDelaySeconds,
            long maxAttempts) {

        int duplicates() {
            return records - distinct;
        }

        int missing() {
            return written - distinct;
        }

        double duplicateRate() {
            return written == 0 ? 0 : 100.0 * duplicates() / written;
        }
    }

    /** Something that publishes the outbox: woken after each commit, stopped at the end. */
    interface Publisher extends AutoCloseable {
        void wake();

        @Override
        void close();
    }

    @Test
    void duplicatesAfterABrokerFreeze() throws Exception {
        int events = Integer.getInteger("bench.events", 5000);
        int rate = Integer.getInteger("bench.rate", 100);
        int pauseAt = Integer.getInteger("bench.pause-at", 10);
        int pause = Integer.getInteger("bench.pause", 30);
        Path dir = Path.of("target", "relay-bench").toAbsolutePath();
        deleteRecursively(dir);
        List<Figures> results = new ArrayList<>();
        try (PostgresServer pg = PostgresServer.start(0, null, true);
                BrokerProcess broker = BrokerProcess.start(dir)) {
            results.add(scenario(
                    "previous relay (prefix marking, transaction held)",
                    pg,
                    broker,
                    events,
                    rate,
                    pauseAt,
                    pause,
                    true));
            results.add(scenario(
                    "per-record relay (lease, no transaction held)", pg, broker, events, rate, pauseAt, pause, false));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%n[relay-bench] %d outbox rows, one commit each at %d/s over %d aggregates; broker frozen (SIGSTOP) "
                        + "for %d s from t=%d s%n",
                events,
                rate,
                KEYS,
                pause,
                pauseAt));
        out.append(String.format(
                Locale.ROOT,
                "[relay-bench] %-50s %8s %10s %9s %8s %13s %9s %16s %10s%n",
                "relay",
                "records",
                "duplicates",
                "dup rate",
                "missing",
                "order (first)",
                "attempts",
                "backlog out after",
                "max delay"));
        for (Figures f : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "[relay-bench] %-50s %8d %10d %8.2f%% %8d %13s %9d %14.1f s %8.1f s%n",
                    f.relay(),
                    f.records(),
                    f.duplicates(),
                    f.duplicateRate(),
                    f.missing(),
                    f.orderViolations() == 0 ? "kept" : f.orderViolations() + " broken",
                    f.maxAttempts(),
                    f.drainSeconds(),
                    f.maxDelaySeconds()));
        }
        out.append(
                "[relay-bench] attempts: most sends of one row; backlog out after: from SIGCONT until every row written "
                        + "before it was published; max delay: longest commit-to-publication time\n");
        Figures current = results.get(results.size() - 1);
        out.append(String.format(
                Locale.ROOT,
                "[relay-bench] goal: duplicate rate <= 1 %% after a %d s pause: %s%n",
                pause,
                current.duplicateRate() <= 1.0 ? "met" : "NOT met"));
        System.out.print(out);
        Files.writeString(dir.resolve("result.txt"), out.toString());
        for (Figures f : results) {
            assertThat(f.missing()).as(f.relay() + ": events lost").isZero();
        }
        assertThat(current.orderViolations())
                .as("per-key order of first arrivals")
                .isZero();
    }

    private Figures scenario(
            String name,
            PostgresServer pg,
            BrokerProcess broker,
            int events,
            int rate,
            int pauseAt,
            int pause,
            boolean previous)
            throws Exception {
        String db = "bench" + (previous ? "prev" : "curr");
        OutboxRelayTest.newDatabase(pg, db).getConnection().close();
        String topic = "bench.relay." + (previous ? "previous" : "current") + "." + UUID.randomUUID();
        try (AgroalDataSource ds = pool(pg, db);
                Publisher publisher = previous ? previousRelay(ds, broker) : currentRelay(ds, broker)) {
            List<UUID> aggregates =
                    Stream.generate(UUID::randomUUID).limit(KEYS).toList();
            Map<String, List<String>> writtenPerKey = new HashMap<>();
            long start = System.nanoTime();
            long freezeAt = start + TimeUnit.SECONDS.toNanos(pauseAt);
            long thawAt = freezeAt + TimeUnit.SECONDS.toNanos(pause);
            boolean frozen = false;
            boolean thawed = false;
            BacklogWatch backlog = null;
            try (Connection c = ds.getConnection()) {
                for (int i = 0; i < events; i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        Thread.sleep(1);
                    }
                    if (!frozen && System.nanoTime() >= freezeAt) {
                        broker.freeze();
                        frozen = true;
                        System.out.printf("[relay-bench] %s: broker frozen after %d rows%n", name, i);
                    }
                    if (frozen && !thawed && System.nanoTime() >= thawAt) {
                        broker.thaw();
                        backlog = new BacklogWatch(ds);
                        thawed = true;
                        System.out.printf("[relay-bench] %s: broker thawed after %d rows%n", name, i);
                    }
                    UUID aggregate = aggregates.get(i % KEYS);
                    EventEnvelope env = EventCodec.envelope(
                            new DeviationReportedV1(
                                    aggregate,
                                    UUID.randomUUID(),
                                    List.of(),
                                    "STAFF",
                                    DeviationCategory.OTHER_DEVIATION,
                                    LocalDate.now(),
                                    Instant.now()),
                            URI.create("/bench"),
                            Instant.now(),
                            null);
                    OutboxStore.insert(c, topic, env);
                    writtenPerKey
                            .computeIfAbsent(env.subject(), k -> new ArrayList<>())
                            .add(env.id());
                    publisher.wake();
                }
            } finally {
                if (frozen && !thawed) {
                    while (System.nanoTime() < thawAt) {
                        Thread.sleep(10);
                    }
                    broker.thaw();
                    backlog = new BacklogWatch(ds);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (unsent(ds) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double drain = backlog == null ? 0 : backlog.seconds();
            publisher.close();
            return count(name, broker, topic, events, writtenPerKey, drain, maxDelay(ds), maxAttempts(ds));
        }
    }

    /** From the thaw until every row written before it is published. */
    private static final class BacklogWatch {
        private final long started = System.nanoTime();
        private final Thread thread;
        private volatile double seconds = Double.NaN;

        BacklogWatch(DataSource ds) throws SQLException {
            long lastSeq;
            try (Connection c = ds.getConnection();
                    var rs = c.createStatement().executeQuery("SELECT coalesce(max(seq), 0) FROM outbox_event")) {
                rs.next();
                lastSeq = rs.getLong(1);
            }
            thread = new Thread(
                    () -> {
                        try (Connection c = ds.getConnection();
                                var ps = c.prepareStatement(
                                        "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL AND seq <= ?")) {
                            ps.setLong(1, lastSeq);
                            while (true) {
                                try (var rs = ps.executeQuery()) {
                                    rs.next();
                                    if (rs.getLong(1) == 0) {
                                        seconds = (System.nanoTime() - started) / 1e9;
                                        return;
                                    }
                                }
                                Thread.sleep(20);
                            }
                        } catch (SQLException | InterruptedException e) {
                            // reported as NaN
                        }
                    },
                    "backlog-watch");
            thread.setDaemon(true);
            thread.start();
        }

        double seconds() throws InterruptedException {
            thread.join(TimeUnit.MINUTES.toMillis(5));
            return seconds;
        }
    }

    private static Figures count(
            String name,
            BrokerProcess broker,
            String topic,
            int written,
            Map<String, List<String>> writtenPerKey,
            double drain,
            double maxDelay,
            long maxAttempts) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        int records = 0;
        Map<String, List<String>> firstArrivals = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    records++;
                    String id = EventCodec.fromKafka(r.headers(), r.value()).id();
                    if (seen.add(id)) {
                        firstArrivals
                                .computeIfAbsent(r.key(), k -> new ArrayList<>())
                                .add(id);
                    }
                }
            }
        }
        int violations = 0;
        for (Map.Entry<String, List<String>> e : writtenPerKey.entrySet()) {
            List<String> arrived = firstArrivals.getOrDefault(e.getKey(), List.of());
            List<String> expected = e.getValue().stream().filter(seen::contains).toList();
            if (!arrived.equals(expected)) {
                violations++;
            }
        }
        return new Figures(name, written, records, seen.size(), violations, drain, maxDelay, maxAttempts);
    }

    /** The relay as shipped: {@link OutboxRelayRunner} with its production defaults. */
    private static Publisher currentRelay(DataSource ds, BrokerProcess broker) {
        OutboxRelayRunner runner = new OutboxRelayRunner();
        runner.dataSource = ds;
        runner.clock = Clock.systemUTC();
        runner.bootstrapServers = broker.bootstrapServers();
        runner.enabled = true;
        runner.batchSize = 500;
        runner.pollInterval = Duration.ofSeconds(1);
        runner.maxBackoff = Duration.ofSeconds(10);
        runner.deliveryTimeout = Duration.ofSeconds(120);
        runner.lease = Duration.ofSeconds(10);
        runner.retention = Duration.ofDays(7);
        runner.coalesce = Duration.ofMillis(10);
        runner.instance = new MessagingInstance();
        runner.instance.configured = java.util.Optional.of("bench");
        runner.instance.init();
        runner.onStart(null);
        return new Publisher() {
            @Override
            public void wake() {
                runner.wake();
            }

            @Override
            public void close() {
                runner.onStop(null);
            }
        };
    }

    /** The previous relay with the previous runner loop (backoff, wake-ups, 10 ms coalescing) and producer timeouts. */
    private static Publisher previousRelay(DataSource ds, BrokerProcess broker) {
        PrefixMarkingRelay relay = new PrefixMarkingRelay(
                ds,
                () -> {
                    Properties p = OutboxRelayRunner.producerProperties(broker.bootstrapServers());
                    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
                    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
                },
                500,
                Duration.ofSeconds(20),
                Clock.systemUTC());
        Semaphore wakeUp = new Semaphore(0);
        boolean[] running = {true};
        Thread loop = new Thread(
                () -> {
                    Duration backoff = Duration.ofMillis(200);
                    while (running[0]) {
                        try {
                            PrefixMarkingRelay.Result r = relay.relayOnce();
                            if (r.failed()) {
                                wakeUp.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) < 0
                                        ? backoff.multipliedBy(2)
                                        : Duration.ofSeconds(10);
                                continue;
                            }
                            backoff = Duration.ofMillis(200);
                            if (r.sent() < 500) {
                                if (wakeUp.tryAcquire(1000, TimeUnit.MILLISECONDS) && running[0]) {
                                    Thread.sleep(10);
                                }
                                wakeUp.drainPermits();
                            }
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            try {
                                wakeUp.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (InterruptedException ie) {
                                return;
                            }
                        }
                    }
                },
                "previous-relay");
        loop.setDaemon(true);
        loop.start();
        return new Publisher() {
            @Override
            public void wake() {
                if (wakeUp.availablePermits() == 0) {
                    wakeUp.release();
                }
            }

            @Override
            public void close() {
                running[0] = false;
                wakeUp.release();
                try {
                    loop.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                relay.close();
            }
        };
    }

    private static AgroalDataSource pool(PostgresServer pg, String db) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(8)
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(pg.jdbcUrl(db))
                                .principal(new NamePrincipal(PostgresServer.USER))
                                .credential(new SimplePassword(PostgresServer.PASSWORD)))));
    }

    private static long unsent(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return OutboxStore.countUnsent(c);
        }
    }

    private static double maxDelay(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                var rs = c.createStatement()
                        .executeQuery(
                                "SELECT coalesce(max(extract(epoch FROM sent_at - created_at)), 0) FROM outbox_event")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static long maxAttempts(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                var rs = c.createStatement().executeQuery("SELECT coalesce(max(attempts), 0) FROM outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
