package se.kvalitet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.e2e.Chaos;
import se.kvalitet.e2e.SharedStack;

/**
 * Issue 18 item 6, the full chaos run on demand (never in CI): 10 000 intakes with idempotent
 * retries while the round of faults of {@code ChaosIT} repeats (each service and the gateway
 * SIGKILLed and restarted, Kafka frozen 30 s, PostgreSQL 10 s, second replicas of deviation- and
 * report-service), then the same exactly-once checks, and the table the README shows.
 *
 * <p>{@code ./mvnw -B -pl e2e-tests -am verify -Pbench -Dtest=ChaosBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (options {@code -Dchaos.intakes=10000 -Dchaos.rate=30 -Dchaos.clients=24 -Dchaos.kafka-pause=30
 * -Dchaos.postgres-pause=10}). The table is also written to {@code e2e-tests/target/chaos-full.md}.
 */
@Tag("bench")
class ChaosBenchmark {

    @Test
    void tenThousandIntakesThroughRepeatedFaults() throws Exception {
        Chaos.Result result = new Chaos(SharedStack.get(), Chaos.Settings.fullRun()).run();
        System.out.println(result.table());
        Files.writeString(Path.of("target", "chaos-full.md"), result.table());
        assertThat(result.failures()).as("exactly-once violations").isEmpty();
    }
}
