package se.kvalitet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import se.kvalitet.events.Topics;

/**
 * Starts one real Kafka KRaft broker per test JVM, creates the suite's topics on it and points Kafka clients at it.
 *
 * <p>The topics are created before any service produces, as the deployment creates them (deploy/): when the first
 * record of an idempotent producer created its topic (auto-creation), a loaded machine sometimes saw the produce
 * request race the new partitions' leadership, and the producer then kept retrying with a reset sequence number that
 * the broker refused for good ({@code OUT_OF_ORDER_SEQUENCE_NUMBER}): the relay stalled and a test waiting for its
 * events failed.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** As the broker's {@code num.partitions} and the deployment's topics. */
    static final int PARTITIONS = 3;

    /** The topics of the suite (platform/events {@link Topics}). */
    static final List<String> TOPICS = List.of(Topics.DEVIATION, Topics.REGISTRY, Topics.FOLLOWUP, Topics.REPORT);

    private static KafkaBroker broker;

    @Override
    public synchronized Map<String, String> start() {
        if (broker == null) {
            broker = KafkaBroker.start(0, null);
            createTopics(broker.bootstrapServers());
        }
        System.setProperty("kvalitet.test.kafka.bootstrap-servers", broker.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    /** Creates every topic of the suite that is not there yet, and waits until they are. */
    static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : TOPICS) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                            .all()
                            .get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic, e.getCause());
                    }
                }
            }
            // every partition has its leader before the first producer asks (the metadata follows the creation)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!allLed(admin)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the suite's topics have no leaders after 60 s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create the suite's topics", e);
        }
    }

    private static boolean allLed(Admin admin) throws InterruptedException {
        try {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(TOPICS).allTopicNames().get(10, TimeUnit.SECONDS);
            return topics.values().stream()
                    .allMatch(t -> t.partitions().size() == PARTITIONS
                            && t.partitions().stream()
                                    .allMatch(p ->
                                            p.leader() != null && p.leader().id() >= 0));
        } catch (ExecutionException | TimeoutException e) {
            return false; // not known yet
        }
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
