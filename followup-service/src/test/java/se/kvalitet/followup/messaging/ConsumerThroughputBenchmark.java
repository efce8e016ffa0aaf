package se.kvalitet.followup.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.testing.ConsumerBench;

/**
 * Issue 18 item 4 / issue 20 item 4, on demand (not a test, not in CI):
 * {@code ./mvnw -B -pl followup-service -am verify -Pbench -Dtest=ConsumerThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbench.events=20000}).
 *
 * <p>In one run, against the test broker and PostgreSQL: the baseline (a plain Kafka consumer that
 * batch-inserts the same kind of events into PostgreSQL), then followup-service's deviation
 * consumer applying records one at a time (each in its own transaction: the path before batch
 * consumption), then in batches. Each gets a burst of its own fresh events
 * published as fast as the producer can; measured from the burst's first publish until every
 * event is in the consumer's inbox. Goal: batches ≥ 0.3 × baseline and ≥ the gateway's maximum
 * sustained intake (taken as 600/s, deviation-service README).
 */
@QuarkusTest
@Tag("bench")
class ConsumerThroughputBenchmark {

    static final double GATEWAY_INTAKE = 600;

    @Inject
    DeviationEventsConsumer consumers;

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
        consumers.applyInBatches(false);
        try {
            runs.add(drain(
                    "followup-service, one event per transaction (before)",
                    ConsumerBench.deviationStream(events, 3),
                    bootstrap));
        } finally {
            consumers.applyInBatches(true);
        }
        runs.add(drain(
                "followup-service, a poll per transaction (after)",
                ConsumerBench.deviationStream(events, 4),
                bootstrap));
        System.out.println("\nConsumer throughput, followup-service (" + events + " deviation events per burst)\n"
                + ConsumerBench.table(baseline, GATEWAY_INTAKE, runs));
    }

    private ConsumerBench.Run drain(String name, List<EventEnvelope> burst, String bootstrap) throws Exception {
        long before = inboxed();
        ConsumerBench.Published published = ConsumerBench.publish(bootstrap, Topics.DEVIATION, burst);
        return ConsumerBench.awaitDrained(
                name,
                published,
                burst.size(),
                ConsumerThroughputBenchmark::inboxed,
                before + burst.size(),
                Duration.ofMinutes(10));
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
                                + DeviationEventsConsumer.CONSUMER + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
