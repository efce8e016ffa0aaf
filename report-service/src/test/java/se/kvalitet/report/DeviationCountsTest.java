package se.kvalitet.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.testing.TestTokens;

@QuarkusTest
class DeviationCountsTest {

    static final String PATH = "/report/v1/deviation-counts";
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", System.getProperty("kvalitet.test.kafka.bootstrap-servers"));
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    static EventEnvelope reported(UUID unit, DeviationCategory category, LocalDate occurredOn) {
        DeviationReportedV1 e = new DeviationReportedV1(
                UUID.randomUUID(), unit, List.of(), "STAFF", category, occurredOn, Instant.now());
        return EventCodec.envelope(e, URI.create("/kvalitet/deviation-service"), Instant.now(), null);
    }

    static void send(EventEnvelope env) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DEVIATION, null, env.subject(), env.data(), EventCodec.headers(env)))
                .get();
    }

    static String quality() {
        return TestTokens.user("karin").roles("quality-team").bearer();
    }

    static JsonPath counts(String from, String to) {
        return given().header("Authorization", quality())
                .queryParam("from", from)
                .queryParam("to", to)
                .when()
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void countsPerUnitAndCategoryAndARedeliveredEventCountsOnce() throws Exception {
        UUID unit = UUID.randomUUID();
        EventEnvelope first = reported(unit, DeviationCategory.LEX_SARAH, LocalDate.of(2025, 3, 10));
        send(first);
        send(first); // redelivery: same event id
        send(reported(unit, DeviationCategory.LEX_SARAH, LocalDate.of(2025, 4, 1)));
        send(reported(unit, null, LocalDate.of(2025, 5, 1)));
        send(reported(unit, DeviationCategory.COMPLAINT, LocalDate.of(2024, 12, 31))); // outside the period

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath json = counts("2025-01-01", "2025-12-31");
            assertThat(json.getList("items.findAll { it.orgUnitId == '" + unit + "' }.count", Integer.class))
                    .containsExactlyInAnyOrder(2, 1);
        });
        JsonPath json = counts("2025-01-01", "2025-12-31");
        assertThat(json.getInt("items.find { it.orgUnitId == '" + unit + "' && it.category == 'LEX_SARAH' }.count"))
                .isEqualTo(2);
        assertThat(json.getInt("items.find { it.orgUnitId == '" + unit + "' && it.category == 'UNCLASSIFIED' }.count"))
                .isEqualTo(1);
        assertThat(inboxRows(first.id())).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNotAnEventIsSetAsideWithoutStoppingConsumption() throws Exception {
        producer.send(new ProducerRecord<>(Topics.DEVIATION, "garbage", "not json".getBytes(StandardCharsets.UTF_8)))
                .get();
        UUID unit = UUID.randomUUID();
        send(reported(unit, DeviationCategory.OTHER_DEVIATION, LocalDate.of(2023, 6, 1)));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(counts("2023-01-01", "2023-12-31").getList("items.orgUnitId"))
                                .contains(unit.toString()));
        // the two records sit on different partitions: either may be consumed first
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(count(
                                "SELECT count(*) FROM dead_letter_event WHERE topic = '" + Topics.DEVIATION + "'"))
                        .isPositive());
    }

    @Test
    void accessAndBadInput() {
        given().when().get(PATH).then().statusCode(401);
        given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .when()
                .get(PATH)
                .then()
                .statusCode(403);
        given().header(
                        "Authorization",
                        TestTokens.client("bi-reader").roles("bi-reader").bearer())
                .when()
                .get(PATH)
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .queryParam("from", "2025-13-01")
                .when()
                .get(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        given().header("Authorization", quality())
                .queryParam("from", "2025-02-01")
                .queryParam("to", "2025-01-01")
                .when()
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    private static long inboxRows(String eventId) {
        return count("SELECT count(*) FROM inbox_event WHERE event_id = '" + eventId + "'");
    }

    private static long count(String sql) {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
