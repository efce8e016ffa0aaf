package se.kvalitet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 8: a read model is rebuilt by replaying its topics from the beginning, so every
 * manifest keeps every event for ever and never compacts a topic (compaction keeps only the last
 * record per key, i.e. per aggregate: a report's "reported" event would go once it was triaged).
 */
class EventRetentionTest {

    @Test
    void everyKubernetesTopicKeepsEveryEventForEver() throws Exception {
        List<String> topics = new ArrayList<>();
        for (JsonNode doc : DeployManifestsTest.documents(DeployManifestsTest.DEPLOY.resolve("k8s/base/kafka.yaml"))) {
            if (!doc.path("kind").asText().equals("KafkaTopic")) {
                continue;
            }
            String name = doc.at("/metadata/name").asText();
            topics.add(name);
            JsonNode config = doc.at("/spec/config");
            assertThat(config.path("retention.ms").asLong())
                    .as(name + " retention.ms")
                    .isEqualTo(-1);
            assertThat(config.path("retention.bytes").asLong())
                    .as(name + " retention.bytes")
                    .isEqualTo(-1);
            assertThat(config.path("cleanup.policy").asText())
                    .as(name + " cleanup.policy")
                    .isEqualTo("delete");
        }
        assertThat(topics).isNotEmpty();
    }

    @Test
    void theComposeBrokerKeepsEveryEventForEver() throws Exception {
        JsonNode kafka = DeployManifestsTest.documents(DeployManifestsTest.DEPLOY.resolve("compose/docker-compose.yml"))
                .get(0)
                .at("/services/kafka/environment");
        assertThat(kafka.path("KAFKA_LOG_RETENTION_MS").asText()).isEqualTo("-1");
        assertThat(kafka.path("KAFKA_LOG_RETENTION_BYTES").asText()).isEqualTo("-1");
        assertThat(kafka.path("KAFKA_LOG_CLEANUP_POLICY").asText()).isEqualTo("delete");
        assertThat(kafka.has("KAFKA_LOG_RETENTION_HOURS")).isFalse();
    }
}
