package se.kvalitet.report.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.report.readmodel.DeviationProjection;
import se.kvalitet.testing.ConsumerBench;

/**
 * Issue 18 item 4 / issue 20 item 4, on demand (not a test, not in CI):
 * {@code ./mvnw -B -pl report-service -am verify -Pbench -Dtest=ConsumerThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbench.events=20000}).
 *
 * <p>In one run, against the test broker and PostgreSQL: the baseline (a plain Kafka consumer that
 * batch-inserts the same kind of events into PostgreSQL), then report-service's live deviation
 * consumer applying records one at a time (each in its own transaction, summaries per event: the
 * path before batch consumption), then in batches. Each gets a burst of its own fresh events
 * published as fast as the producer can; measured from the burst's first publish until every
 * event is in the consumer's inbox. Goal: batches ≥ 0.3 × baseline and ≥ the gateway's maximum
 * sustained intake (taken as 600/s, deviation-service README).
 */
@QuarkusTest
@Tag("bench")
class ConsumerThroughputBenchmark {

    static final double GATEWAY_INTAKE = 600;

    @Inject
    ReadModelConsumers consumers;

    @Test
    void consumerThroughputAgainstAPlainConsumer() throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        String bootstrap = System.getProperty("kvalitet.test.kafka.bootstrap-servers");
        String jdbc = System.getProperty("kvalitet.test.jdbc-url");
        // warm-up: a small burst through the batch path (JIT, connection pool, group joined)
        drain("warm-up", ConsumerBench.deviationStream(2_000, 1), bootstrap);

        ConsumerBench.Run baseline = ConsumerBench.baseline(
                bootstrap,
                partitions(bootstrap),
                jdbc,
                "postgres",
                "postgres",
                ConsumerBench.deviationStream(events, 2));
        List<ConsumerBench.Run> runs = new ArrayList<>();
        if (Boolean.parseBoolean(System.getProperty("bench.one-by-one", "true"))) {
            consumers.applyInBatches(false);
            try {
                runs.add(drain(
                        "report-service, one event per transaction",
                        ConsumerBench.deviationStream(events, 3),
                        bootstrap));
            } finally {
                consumers.applyInBatches(true);
            }
        }
        resetStatements(jdbc);
        runs.add(drain("report-service, a poll per transaction", ConsumerBench.deviationStream(events, 4), bootstrap));
        System.out.println("\nConsumer throughput, report-service (" + events + " deviation events per burst)\n"
                + ConsumerBench.table(baseline, GATEWAY_INTAKE, runs));
        System.out.println("Statements of the batch run by total execution time (pg_stat_statements; the calls"
                + " include statements run inside functions and triggers)\n" + topStatements(jdbc, 12));
    }

    private static void resetStatements(String jdbc) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The statements that cost most database time since the reset: calls, rows, total and mean milliseconds. */
    private static String topStatements(String jdbc, int limit) throws SQLException {
        StringBuilder sb =
                new StringBuilder("| calls | rows | total ms | mean ms | statement |\n|---|---|---|---|---|\n");
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
                PreparedStatement ps = c.prepareStatement("""
                        SELECT calls, rows, total_exec_time, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g')
                        FROM pg_stat_statements
                        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND query NOT ILIKE '%pg_stat_statements%'
                        ORDER BY total_exec_time DESC LIMIT ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String q = rs.getString(5);
                    sb.append(String.format(
                            Locale.ROOT,
                            "| %d | %d | %.0f | %.3f | %s |%n",
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getDouble(3),
                            rs.getDouble(4),
                            q.length() > 160 ? q.substring(0, 160) + "…" : q));
                }
            }
        }
        return sb.toString();
    }

    /**
     * Publishes the burst and waits until the consumer's inbox holds all of it. The wait looks every
     * 20 ms whether the last event of each partition is in the inbox (primary-key lookups on one
     * connection; the consumer applies a partition in offset order, so then the partition is done)
     * and only then counts the inbox, so that watching does not take CPU from the consumer it watches
     * (a count of the growing inbox and a new connection every 20 ms did).
     */
    private ConsumerBench.Run drain(String name, List<EventEnvelope> burst, String bootstrap) throws Exception {
        long before = inboxed();
        int partitions = partitions(bootstrap);
        Map<Integer, String> lastOfPartition = new HashMap<>();
        for (EventEnvelope env : burst) {
            byte[] key = env.subject().getBytes(StandardCharsets.UTF_8);
            lastOfPartition.put(Utils.toPositive(Utils.murmur2(key)) % partitions, env.id());
        }
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM inbox_event WHERE consumer = ? AND event_id = ANY (?)")) {
            ps.setString(1, DeviationProjection.CONSUMER);
            ps.setArray(2, c.createArrayOf("varchar", lastOfPartition.values().toArray()));
            LongSupplier applied = () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == lastOfPartition.size() ? inboxed() : before;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            ConsumerBench.Published published = ConsumerBench.publish(bootstrap, Topics.DEVIATION, burst);
            return ConsumerBench.awaitDrained(
                    name, published, burst.size(), applied, before + burst.size(), Duration.ofMinutes(10));
        }
    }

    private static int partitions(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            return c.partitionsFor(Topics.DEVIATION).size();
        }
    }

    private static long inboxed() {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM inbox_event WHERE consumer = '"
                                + DeviationProjection.CONSUMER + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
