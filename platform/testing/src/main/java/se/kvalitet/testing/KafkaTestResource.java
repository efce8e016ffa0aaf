package se.kvalitet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts one real Kafka KRaft broker per test JVM and points Kafka clients at it. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    @Override
    public synchronized Map<String, String> start() {
        if (broker == null) {
            broker = KafkaBroker.start(0, null);
        }
        System.setProperty("kvalitet.test.kafka.bootstrap-servers", broker.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
