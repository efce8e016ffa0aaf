package se.kvalitet.web.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.TestTokens;

@QuarkusTest
class ContractFilterTest {

    static JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        if (doc == null) {
            doc = new ObjectMapper()
                    .readTree(given().accept("application/json")
                            .get("/q/openapi?format=json")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString());
        }
    }

    JsonNode op(String path, String method) {
        JsonNode o = doc.path("paths").path(path).path(method);
        assertThat(o.isMissingNode()).as(method + " " + path).isFalse();
        return o;
    }

    @Test
    void everyOperationHasAStableCamelCaseOperationIdAndANamedOneIsKept() {
        assertThat(op("/contract/v1/quality-activities", "get")
                        .path("operationId")
                        .asText())
                .isEqualTo("listQualityActivities");
        assertThat(op("/contract/v1/quality-activities", "post")
                        .path("operationId")
                        .asText())
                .isEqualTo("createQualityActivity");
        assertThat(op("/contract/v1/quality-activities/{id}", "get")
                        .path("operationId")
                        .asText())
                .isEqualTo("getQualityActivity");
        assertThat(op("/contract/v1/quality-activities/{id}", "put")
                        .path("operationId")
                        .asText())
                .isEqualTo("updateQualityActivity");
        assertThat(op("/contract/v1/quality-activities/{id}/close", "post")
                        .path("operationId")
                        .asText())
                .isEqualTo("closeQualityActivity");
        assertThat(op("/contract/v1/quality-activities/{id}/history", "get")
                        .path("operationId")
                        .asText())
                .isEqualTo("readThingHistory");
        Set<String> ids = new HashSet<>();
        doc.path("paths")
                .fields()
                .forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
                    if (p.getKey().startsWith("/contract/")) {
                        String id = m.getValue().path("operationId").asText();
                        assertThat(id).matches("[a-z][A-Za-z0-9]*");
                        assertThat(ids.add(id)).as("unique " + id).isTrue();
                    }
                }));
    }

    @Test
    void everyErrorIsAProblemAndTheStandardOnesAreListedOnce() {
        List<String> violations = new ArrayList<>();
        doc.path("paths")
                .fields()
                .forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
                    if (!p.getKey().startsWith("/contract/")) {
                        return;
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it =
                                    m.getValue().path("responses").fields();
                            it.hasNext(); ) {
                        Map.Entry<String, JsonNode> r = it.next();
                        if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                            JsonNode content = r.getValue().path("content");
                            if (content.size() != 1 || !content.has("application/problem+json")) {
                                violations.add(m.getKey() + " " + p.getKey() + " " + r.getKey() + " " + content);
                            }
                        }
                    }
                }));
        assertThat(violations).isEmpty();
        JsonNode create = op("/contract/v1/quality-activities", "post").path("responses");
        assertThat(names(create))
                .contains("201", "400", "401", "403", "409", "413", "415", "422", "500", "503")
                .doesNotContain("404", "412");
        assertThat(create.path("409").path("description").asText()).isEqualTo("Already there");
        assertThat(create.path("503").path("headers").has("Retry-After")).isTrue();
        assertThat(create.path("201").path("headers").has("X-Correlation-Id")).isTrue();
        assertThat(create.path("409").path("headers").has("Retry-After")).isTrue();
        JsonNode put = op("/contract/v1/quality-activities/{id}", "put").path("responses");
        assertThat(names(put)).contains("404", "409", "412", "428");
        // a write that loses a race with another on the same record (ProblemMappers: concurrent-change)
        assertThat(put.path("409").path("description").asText()).contains("concurrent-change");
        assertThat(names(op("/contract/v1/quality-activities", "get").path("responses")))
                .contains("400", "401", "406", "503")
                .doesNotContain("404", "409", "413", "415");
        assertThat(doc.path("components")
                        .path("schemas")
                        .path("Problem")
                        .path("properties")
                        .has("correlationId"))
                .isTrue();
    }

    @Test
    void sharedParametersAreDescribedAndTimesHaveAFormat() {
        JsonNode since =
                op("/contract/v1/quality-activities", "get").path("parameters").get(0);
        assertThat(since.path("name").asText()).isEqualTo("updatedSince");
        assertThat(since.path("schema").path("format").asText()).isEqualTo("date-time");
        assertThat(since.path("description").asText()).contains("RFC 3339");
        JsonNode id = op("/contract/v1/quality-activities/{id}", "get")
                .path("parameters")
                .get(0);
        assertThat(id.path("description").asText()).isEqualTo("Id of the quality activity");
        assertThat(doc.path("servers")).isNotEmpty();
    }

    @Test
    void aValueThatIsNotThereIsLeftOutNotSentAsNull() {
        String token = TestTokens.user("anna").roles("reporter").sign();
        given().auth()
                .oauth2(token)
                .get("/contract/v1/quality-activities/7")
                .then()
                .statusCode(200)
                .body("id", equalTo("7"))
                .body("$", not(hasKey("closedAt")));
        given().auth()
                .oauth2(token)
                .post("/contract/v1/quality-activities/7/close")
                .then()
                .statusCode(200)
                .body("closedAt", equalTo("2026-01-01T00:00:00Z"));
    }

    static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aDeprecatedOperationSaysSoInTheDocumentAndInEveryAnswer() {
        JsonNode log = op("/contract/v1/quality-activities/{id}/log", "get");
        assertThat(log.path("deprecated").asBoolean()).isTrue();
        for (String status : List.of("200", "401", "404")) {
            assertThat(log.path("responses").path(status).path("headers").has("Deprecation"))
                    .as(status)
                    .isTrue();
            assertThat(log.path("responses").path(status).path("headers").has("Sunset"))
                    .as(status)
                    .isTrue();
        }
        assertThat(op("/contract/v1/quality-activities/{id}/history", "get")
                        .path("responses")
                        .path("200")
                        .path("headers")
                        .has("Deprecation"))
                .as("an operation that is not deprecated")
                .isFalse();

        String token = TestTokens.user("anna").roles("reporter").sign();
        given().auth()
                .oauth2(token)
                .get("/contract/v1/quality-activities/7/log")
                .then()
                .statusCode(200)
                .header("Deprecation", equalTo("@1796428800")) // 2026-12-05T00:00:00Z, RFC 9745
                .header("Sunset", equalTo("Wed, 30 Jun 2027 00:00:00 GMT")) // RFC 8594
                .header("Link", equalTo("</contract/v1/quality-activities/{id}/history>; rel=\"successor-version\""));
        // the refusal carries them too: the client learns it whatever it gets back
        given().get("/contract/v1/quality-activities/7/log")
                .then()
                .statusCode(401)
                .header("Deprecation", equalTo("@1796428800"));
        given().auth()
                .oauth2(token)
                .get("/contract/v1/quality-activities/7/history")
                .then()
                .statusCode(200)
                .header("Deprecation", org.hamcrest.Matchers.nullValue());
    }
}
