package se.kvalitet.report.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.junit.jupiter.api.Test;
import se.kvalitet.messaging.MessagingInstance;

/**
 * The three topics are consumed by three groups (and the notifications by a fourth over all four topics), so a stall of one (a rebalance waiting for a
 * member) does not hold up the others; each consumer is a static member named after this replica,
 * and readiness reports, per channel, whether it holds partitions.
 */
@QuarkusTest
class ConsumerGroupsTest {

    static final List<String> CHANNELS =
            List.of("deviation-events", "registry-events", "followup-events", "notification-events");

    @Inject
    KafkaClientService kafka;

    @Inject
    MessagingInstance instance;

    @Test
    void eachTopicHasAGroupOfItsOwnWithAStaticMemberAndReadinessReportsItsPartitions() {
        for (String channel : CHANNELS) {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
            Function<Consumer<Object, Object>, ConsumerGroupMetadata> metadata = Consumer::groupMetadata;
            ConsumerGroupMetadata group =
                    consumer.runOnPollingThread(metadata).await().atMost(Duration.ofSeconds(10));
            assertThat(group.groupId()).isEqualTo("report-service." + channel);
            assertThat(group.groupInstanceId()).contains(instance.id() + "." + channel);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !consumer.getAssignments()
                            .await()
                            .atMost(Duration.ofSeconds(5))
                            .isEmpty());
        }
        JsonPath ready =
                given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        Map<String, String> channels =
                ready.getMap("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data");
        assertThat(channels).containsOnlyKeys(CHANNELS);
        assertThat(channels.values()).allSatisfy(state -> assertThat(state).startsWith("[OK]"));
    }
}
