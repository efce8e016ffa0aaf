package se.kvalitet.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.events.deviation.NotificationKind;

/**
 * The consumer throughput benchmark's shared parts (report- and followup-service run it against
 * their own consumers): a realistic stream of deviation events, a publisher that times the burst,
 * the baseline (a plain Kafka consumer that only batch-inserts the same events into PostgreSQL),
 * the wait until a consumer has drained, and the table.
 */
public final class ConsumerBench {

    /** One measured consumer: events from the first publish to drained, and drained after the last publish. */
    public record Run(String consumer, int events, double seconds, double afterLastPublish) {

        public double perSecond() {
            return events / seconds;
        }
    }

    /** When a burst started and when its last event was acknowledged by the broker. */
    public record Published(long startNanos, long lastAckNanos) {}

    private ConsumerBench() {}

    /**
     * About {@code events} deviation events as deviation-service publishes them for a stream of
     * reports (CloudEvents, key = report id): every report is reported, triaged and closed; half
     * open an investigation track, a quarter of those are notified to IVO. 100 units, dates in 2025.
     */
    public static List<EventEnvelope> deviationStream(int events, long seed) {
        return deviationStream(events, seed, 2025);
    }

    /**
     * {@link #deviationStream(int, long)} with the reports' dates in {@code year} (a growth benchmark measures another
     * year's statistics, which the workload must not change between its phases).
     */
    public static List<EventEnvelope> deviationStream(int events, long seed, int year) {
        Random random = new Random(seed);
        List<UUID> units = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            units.add(new UUID(seed, i));
        }
        DeviationCategory[] categories = {
            DeviationCategory.LEX_SARAH,
            DeviationCategory.OTHER_DEVIATION,
            DeviationCategory.COMPLAINT,
            DeviationCategory.LEX_MARIA
        };
        URI source = URI.create("/kvalitet/deviation-service");
        List<EventEnvelope> out = new ArrayList<>(events + 8);
        Instant base = Instant.parse(year + "-01-01T08:00:00Z");
        while (out.size() < events) {
            UUID report = UUID.randomUUID();
            UUID unit = units.get(random.nextInt(units.size()));
            List<UUID> involved =
                    random.nextInt(50) == 0 ? List.of(units.get(random.nextInt(units.size()))) : List.of();
            Instant reportedAt = base.plusSeconds(random.nextInt(300 * 86_400));
            LocalDate occurredOn = LocalDate.ofInstant(reportedAt, java.time.ZoneOffset.UTC);
            DeviationCategory category = categories[random.nextInt(categories.length)];
            List<DomainEvent> story = new ArrayList<>();
            story.add(new DeviationReportedV1(
                    report, unit, involved, random.nextBoolean() ? "STAFF" : "WEB", category, occurredOn, reportedAt));
            Instant triagedAt = reportedAt.plusSeconds(3_600);
            story.add(new DeviationTriagedV1(report, unit, involved, List.of(category), List.of(), false, triagedAt));
            if (random.nextBoolean()) {
                UUID track = UUID.randomUUID();
                story.add(new DeviationTrackOpenedV1(report, track, category, unit, involved, triagedAt));
                if (random.nextInt(4) == 0) {
                    Instant sent = triagedAt.plusSeconds(86_400);
                    story.add(new DeviationAuthorityNotifiedV1(
                            report,
                            track,
                            category,
                            UUID.randomUUID(),
                            Authority.IVO,
                            NotificationKind.INITIAL,
                            unit,
                            triagedAt,
                            triagedAt.plusSeconds(14 * 86_400),
                            sent,
                            true,
                            0,
                            0));
                }
            }
            Instant closedAt = reportedAt.plusSeconds(20 * 86_400);
            story.add(new DeviationClosedV1(
                    report,
                    unit,
                    involved,
                    List.of(category),
                    reportedAt,
                    occurredOn,
                    closedAt,
                    LocalDate.ofInstant(closedAt, java.time.ZoneOffset.UTC),
                    20,
                    0));
            for (DomainEvent e : story) {
                out.add(EventCodec.envelope(e, source, e == story.get(0) ? reportedAt : Instant.now(), null));
            }
        }
        return out;
    }

    /** Publishes the events as fast as the producer batches them; returns when the last is acknowledged. */
    public static Published publish(String bootstrap, String topic, List<EventEnvelope> events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
            for (EventEnvelope env : events) {
                sent.add(producer.send(
                        new ProducerRecord<>(topic, null, env.subject(), env.data(), EventCodec.headers(env))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
            return new Published(start, System.nanoTime());
        }
    }

    /** Waits until {@code applied} reaches {@code target}; the run counts from the burst's first publish. */
    public static Run awaitDrained(
            String consumer, Published burst, int events, LongSupplier applied, long target, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(consumer + " did not drain within " + timeout + " (applied "
                        + applied.getAsLong() + " of " + target + ")");
            }
            Thread.sleep(20);
        }
        long done = System.nanoTime();
        return new Run(consumer, events, (done - burst.startNanos()) / 1e9, (done - burst.lastAckNanos()) / 1e9);
    }

    /**
     * The baseline: a plain Kafka consumer (max.poll.records 500) on a topic of its own with as many
     * partitions as {@code partitions}, which decodes each record's CloudEvent headers and
     * batch-inserts the events (id, type, key, body) into {@code bench_baseline_event} of the same
     * PostgreSQL, one transaction and one offset commit per poll; measured like the services' consumers
     * from the first publish of the same burst to the last row committed.
     */
    public static Run baseline(
            String bootstrap, int partitions, String jdbcUrl, String user, String password, List<EventEnvelope> events)
            throws Exception {
        String topic = "bench.baseline." + UUID.randomUUID();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_baseline_event");
            s.execute("""
                    CREATE TABLE bench_baseline_event (event_id VARCHAR(200) PRIMARY KEY, event_type VARCHAR(200) NOT NULL,
                                                       event_key VARCHAR(200), payload BYTEA NOT NULL)""");
        }
        AtomicLong inserted = new AtomicLong();
        Thread consumer = new Thread(() -> consume(bootstrap, topic, jdbcUrl, user, password, events.size(), inserted));
        consumer.setName("bench-baseline-consumer");
        consumer.start();
        Thread.sleep(3_000); // joined its group and got its partitions
        Published burst = publish(bootstrap, topic, events);
        Run run = awaitDrained(
                "baseline: plain consumer + JDBC batch insert",
                burst,
                events.size(),
                inserted::get,
                events.size(),
                Duration.ofMinutes(5));
        consumer.join(10_000);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_baseline_event");
        }
        return run;
    }

    private static void consume(
            String bootstrap, String topic, String jdbcUrl, String user, String password, int events, AtomicLong done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        try (KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
                Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO bench_baseline_event (event_id, event_type, event_key, payload) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")) {
            c.setAutoCommit(false);
            consumer.subscribe(List.of(topic));
            while (done.get() < events) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    EventEnvelope env = EventCodec.fromKafka(r.headers(), r.value());
                    ps.setString(1, env.id());
                    ps.setString(2, env.type());
                    ps.setString(3, r.key());
                    ps.setBytes(4, r.value());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                consumer.commitAsync();
                done.addAndGet(records.count());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table: events/s, × baseline, × the gateway's maximum sustained intake, idle after the burst. */
    public static String table(Run baseline, double gatewayIntake, List<Run> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("| consumer | events | s to drained | events/s | × baseline | × gateway intake (")
                .append(Math.round(gatewayIntake))
                .append("/s) | drained after last publish (s) |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        List<Run> all = new ArrayList<>();
        all.add(baseline);
        all.addAll(runs);
        for (Run r : all) {
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.0f | %.2f | %.1f | %.1f |%n",
                    r.consumer(),
                    r.events(),
                    r.seconds(),
                    r.perSecond(),
                    r.perSecond() / baseline.perSecond(),
                    r.perSecond() / gatewayIntake,
                    r.afterLastPublish()));
        }
        return sb.toString();
    }
}
