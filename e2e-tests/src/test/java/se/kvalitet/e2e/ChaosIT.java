package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.localstack.Service;

/**
 * Issue 18 item 6, the short variant in the normal build: a few hundred intakes with idempotent
 * retries through one round of faults (each service and the gateway SIGKILLed and restarted, Kafka
 * frozen 10 s, PostgreSQL 5 s, a second replica of deviation- and report-service), then exactly
 * once in every store, topic consumer and read model ({@link Chaos}). Runs last on the shared
 * stack because it kills things. The full run: {@code se.kvalitet.bench.ChaosBenchmark}.
 */
@Order(SharedStack.ORDER_CHAOS)
class ChaosIT {

    @Test
    void everyIntakeIsStoredPublishedAndCountedExactlyOnceThroughKillsPausesAndReplicas() throws Exception {
        LocalStack stack = SharedStack.get();
        Chaos.Result result = new Chaos(stack, Chaos.Settings.shortRun()).run();
        System.out.println(result.table());
        assertThat(result.intakes())
                .isGreaterThanOrEqualTo(Chaos.Settings.shortRun().intakes());
        assertThat(result.failures()).as("exactly-once violations").isEmpty();
    }

    @AfterAll
    static void stopReplicas() {
        LocalStack stack = SharedStack.get();
        stack.stopReplica(Service.DEVIATION);
        stack.stopReplica(Service.REPORT);
    }
}
