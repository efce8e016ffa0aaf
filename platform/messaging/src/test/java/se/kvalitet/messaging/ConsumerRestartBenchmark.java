package se.kvalitet.messaging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.KafkaBroker;

/**
 * How soon a consumer replica that crashed and was started again consumes new events. Two
 * replicas share a 6-partition topic; replica A "crashes" (its consumer closes without leaving the
 * group, as after SIGKILL), a new A starts after a restart delay, and the harness measures when
 * the new A holds partitions (what the readiness check reports) and when events produced at that
 * moment, one per partition, have all been consumed. Three cases in one run: the previous settings
 * (dynamic membership, Kafka's defaults) as the baseline, the shipped {@link ConsumerSettings} with
 * a restart faster than the session timeout, and with a restart slower than it.
 *
 * <pre>
 * ./mvnw -B -pl platform/messaging -am verify -Pbench -Dtest=ConsumerRestartBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * {@code -Dbench.restart-delay=5} sets the restart delay of the fast case in seconds.
 */
@Tag("bench")
class ConsumerRestartBenchmark {

    private static final int PARTITIONS = 6;

    record Figures(String name, double heldAfter, double appliedAfterReady, double stalledFor) {}

    @Test
    void aRestartedReplicaConsumesNewEventsWithinSecondsOfReadiness() throws Exception {
        int restartDelay = Integer.getInteger("bench.restart-delay", 5);
        int sessionSeconds =
                (int) Duration.parse(ConsumerSettings.DEFAULT_SESSION_TIMEOUT).toSeconds();
        List<Figures> results = new ArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.start(
                0, Path.of("target", "restart-bench", UUID.randomUUID().toString()))) {
            results.add(scenario(
                    kafka, "previous: dynamic membership, Kafka defaults (45 s session)", false, restartDelay));
            results.add(scenario(kafka, "shipped: static membership, restart within the session", true, restartDelay));
            results.add(scenario(
                    kafka, "shipped: static membership, restart after the session expired", true, sessionSeconds + 3));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%n[restart-bench] 2 replicas on a %d-partition topic; replica A's consumer "
                        + "closes without leaving (as after SIGKILL) and a new A starts after the restart delay%n",
                PARTITIONS));
        out.append(String.format(
                Locale.ROOT,
                "[restart-bench] %-66s %17s %24s %22s%n",
                "settings",
                "restart->assigned",
                "ready->new events applied",
                "A's partitions stalled"));
        for (Figures f : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "[restart-bench] %-66s %15.1f s %22.1f s %20.1f s%n",
                    f.name(),
                    f.heldAfter(),
                    f.appliedAfterReady(),
                    f.stalledFor()));
        }
        out.append(
                "[restart-bench] restart->assigned: from the new A's start until it holds partitions (readiness UP); "
                        + "ready->new events applied: one event per partition produced at that moment, until all are consumed; "
                        + "stalled: from the crash until an event on one of A's partitions is consumed\n");
        System.out.print(out);
        java.nio.file.Files.writeString(Path.of("target", "restart-bench", "result.txt"), out.toString());
    }

    private Figures scenario(KafkaBroker kafka, String name, boolean shipped, int restartDelaySeconds)
            throws Exception {
        String topic = "restart.bench." + UUID.randomUUID();
        String group = "bench-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, Long> applied = new ConcurrentHashMap<>();
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            Replica a = new Replica(kafka, topic, group, shipped ? "replica-a" : null, applied);
            Replica b = new Replica(kafka, topic, group, shipped ? "replica-b" : null, applied);
            awaitFullCoverage(List.of(a, b));
            produceToAll(producer, topic, applied, List.of(a, b));

            Set<TopicPartition> ofA = a.assignment();
            long crash = System.nanoTime();
            a.crash();
            // an event on one of A's partitions right after the crash: how long A's share stalls
            String stallProbe = produce(producer, topic, ofA.iterator().next().partition());
            Thread.sleep(TimeUnit.SECONDS.toMillis(restartDelaySeconds));
            long restart = System.nanoTime();
            Replica again = new Replica(kafka, topic, group, shipped ? "replica-a" : null, applied);
            while (again.assignment().isEmpty() && System.nanoTime() - restart < TimeUnit.MINUTES.toNanos(3)) {
                Thread.sleep(10);
            }
            long ready = System.nanoTime();
            List<String> fresh = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                fresh.add(produce(producer, topic, p));
            }
            long allApplied = awaitApplied(applied, fresh);
            long stallEnd = awaitApplied(applied, List.of(stallProbe));
            again.close();
            b.close();
            return new Figures(name, (ready - restart) / 1e9, (allApplied - ready) / 1e9, (stallEnd - crash) / 1e9);
        }
    }

    private static void awaitFullCoverage(List<Replica> replicas) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Set<TopicPartition> all = new HashSet<>();
            replicas.forEach(r -> all.addAll(r.assignment()));
            if (all.size() == PARTITIONS
                    && replicas.stream().noneMatch(r -> r.assignment().isEmpty())) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the replicas did not share the partitions");
    }

    private static void produceToAll(
            KafkaProducer<String, String> producer, String topic, Map<String, Long> applied, List<Replica> replicas)
            throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            ids.add(produce(producer, topic, p));
        }
        awaitApplied(applied, ids);
    }

    private static String produce(KafkaProducer<String, String> producer, String topic, int partition) {
        String id = UUID.randomUUID().toString();
        try {
            producer.send(new ProducerRecord<>(topic, partition, id, "event")).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Waits until every id was consumed; returns when the last one was. */
    private static long awaitApplied(Map<String, Long> applied, List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!applied.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("events were not consumed within 3 minutes");
            }
            Thread.sleep(5);
        }
        return ids.stream().mapToLong(applied::get).max().orElseThrow();
    }

    private static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** One replica's consumer on a thread of its own, polling like the connector does. */
    private static final class Replica {
        private final Thread thread;
        private volatile Set<TopicPartition> assignment = Set.of();
        private volatile boolean stop;
        private volatile CloseOptions.GroupMembershipOperation onClose = CloseOptions.GroupMembershipOperation.DEFAULT;

        Replica(KafkaBroker kafka, String topic, String group, String instanceId, Map<String, Long> applied) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            if (instanceId != null) {
                ConsumerSettings.applyDefaults(config, instanceId);
            } else {
                // what SmallRye gave the services before: Kafka's defaults and its 10 s reconnect backoff
                config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
            }
            thread = new Thread(
                    () -> {
                        KafkaConsumer<String, String> c = new KafkaConsumer<>(config);
                        try {
                            c.subscribe(List.of(topic));
                            while (!stop) {
                                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                                    applied.putIfAbsent(r.key(), System.nanoTime());
                                }
                                if (!c.assignment().isEmpty()) {
                                    c.commitAsync();
                                }
                                assignment = Set.copyOf(c.assignment());
                            }
                        } finally {
                            c.close(CloseOptions.groupMembershipOperation(onClose)
                                    .withTimeout(Duration.ofSeconds(5)));
                        }
                    },
                    "replica-" + (instanceId == null ? "dynamic" : instanceId));
            thread.setDaemon(true);
            thread.start();
        }

        Set<TopicPartition> assignment() {
            return assignment;
        }

        /** Closes without leaving the group, as a killed process would. */
        void crash() throws InterruptedException {
            onClose = CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP;
            stop = true;
            thread.join();
        }

        void close() throws InterruptedException {
            onClose = CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
            stop = true;
            thread.join();
        }
    }
}
