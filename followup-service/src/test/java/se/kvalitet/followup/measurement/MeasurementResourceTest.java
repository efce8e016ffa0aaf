package se.kvalitet.followup.measurement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static se.kvalitet.followup.Fixtures.karin;
import static se.kvalitet.followup.Fixtures.measure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.followup.MeasurementRecordedV1;
import se.kvalitet.events.followup.TargetMissedV1;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TopicReader;

/** Recording and correcting measurements: validation against the indicator, history, access, events. */
@QuarkusTest
class MeasurementResourceTest {

    static final String PATH = "/followup/v1/measurements";
    static Fixtures.Org org;

    @BeforeAll
    static void organisation() {
        org = Fixtures.org();
    }

    @Test
    void aMeasurementIsRecordedCorrectedWithHistoryAndPublished() throws Exception {
        String ind = Fixtures.indicator(
                Fixtures.code("M"),
                "PERCENT",
                "YEARLY",
                true,
                "[{\"validFromPeriod\":\"2024\",\"comparator\":\"AT_LEAST\",\"value\":90}]",
                null);
        Response created = measure(
                ind,
                org.a1(),
                "2025",
                "K",
                "\"numerator\":38,\"denominator\":45,\"responses\":45,\"responseRate\":41.5,\"comment\":\"Enkät v. 12\"");
        created.then()
                .statusCode(201)
                .body("revision", equalTo(1))
                .body("numerator", equalTo(38))
                .body("responseRate", equalTo(41.5f))
                .body("periodStart", equalTo("2025-01-01"))
                .body("gender", equalTo("K"));
        String id = created.path("id");
        String etag = created.header("ETag");
        // the same key again is a conflict pointing at the first
        measure(ind, org.a1(), "2025", "K", "\"value\":50,\"responses\":10")
                .then()
                .statusCode(409)
                .body("existingId", equalTo(id));
        // a correction needs the ETag, keeps the first revision and changes the values
        String correction = "{\"numerator\":42,\"denominator\":45,\"responses\":45,\"comment\":\"Omräknad\"}";
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(correction)
                .put(PATH + "/" + id)
                .then()
                .statusCode(428);
        Response corrected = given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(correction)
                .put(PATH + "/" + id);
        corrected
                .then()
                .statusCode(200)
                .body("revision", equalTo(2))
                .body("numerator", equalTo(42))
                .body("responseRate", nullValue());
        given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(correction)
                .put(PATH + "/" + id)
                .then()
                .statusCode(412);
        // an identical correction changes nothing
        given().header("Authorization", karin())
                .header("If-Match", corrected.header("ETag"))
                .contentType(ContentType.JSON)
                .body(correction)
                .put(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("revision", equalTo(2));
        given().header("Authorization", karin())
                .get(PATH + "/" + id + "/revisions")
                .then()
                .statusCode(200)
                .body("revision", equalTo(List.of(1, 2)))
                .body("numerator", equalTo(List.of(38, 42)))
                .body("comment", equalTo(List.of("Enkät v. 12", "Omräknad")));
        assertThat(Fixtures.count("SELECT count(*) FROM measurement_revision WHERE measurement_id = '" + id + "'"))
                .isEqualTo(2);

        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<ConsumerRecord<String, byte[]>> records =
                    topic.await(r -> r.key().equals(id), 2, Duration.ofSeconds(20));
            assertThat(records).hasSize(2);
            List<MeasurementRecordedV1> events = records.stream()
                    .map(EventContract::assertValid)
                    .map(e -> EventCodec.data(e, MeasurementRecordedV1.class))
                    .toList();
            assertThat(events).extracting(MeasurementRecordedV1::revision).containsExactly(1, 2);
            assertThat(events.get(1).numerator()).isEqualByComparingTo("42");
            assertThat(events.get(0).gender()).isEqualTo("K");
            // 38/45 = 84.4 % and 42/45 = 93.3 %: the first misses the målvärde of 90, the correction meets it
            List<ConsumerRecord<String, byte[]>> missed = topic.await(
                    r -> r.key().equals(ind)
                            && EventCodec.fromKafka(r.headers(), r.value())
                                    .type()
                                    .equals(TargetMissedV1.TYPE),
                    1,
                    Duration.ofSeconds(20));
            assertThat(missed).hasSize(1);
            EventEnvelope env = EventContract.assertValid(missed.get(0));
            TargetMissedV1 miss = EventCodec.data(env, TargetMissedV1.class);
            assertThat(miss.value()).isEqualByComparingTo("84.4");
            assertThat(miss.distance()).isEqualByComparingTo("-5.6");
            assertThat(miss.orgUnitId()).isEqualTo(org.a1());
        }
    }

    @Test
    void aMeasurementMustFitItsIndicator() {
        String ind = Fixtures.indicator(Fixtures.code("V"), "PERCENT", "TERTIAL", false, "[]", null);
        measure(ind, org.a1(), "2025", "T", "\"value\":50")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("period"));
        measure(ind, org.a1(), "2025-T1", "K", "\"value\":50")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("gender"));
        measure(ind, org.a1(), "2025-T1", "T", "\"value\":150")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("value"));
        measure(ind, org.a1(), "2025-T1", "T", "\"value\":50,\"numerator\":1,\"denominator\":2")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("value"));
        measure(ind, org.a1(), "2025-T1", "T", "\"numerator\":3,\"denominator\":2")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("numerator"));
        measure(ind, org.a1(), "2025-T1", "T", "\"numerator\":3")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("denominator"));
        measure(ind, org.a1(), "2025-T1", "T", "\"value\":50,\"missingReason\":\"TOO_FEW_RESPONSES\"")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("missingReason"));
        measure(ind, org.a1(), "2025-T1", "T", "").then().statusCode(400).body("errors.field", hasItem("value"));
        measure(ind, org.a1(), "2025-T1", "T", "\"value\":50.1234567")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("value"));
        measure(ind, org.a1(), "2025-T1", "T", "\"value\":50,\"comment\":\"Gäller 19121212-1212\"")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("comment"))
                .body("detail", not(containsString("1212")));
        measure(ind, org.a1(), "2025-T1", "T", "\"value\":50,\"missingReason\":\"BORED\"")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        measure(ind, java.util.UUID.randomUUID(), "2025-T1", "T", "\"value\":50")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors.field", hasItem("orgUnitId"));
        measure(java.util.UUID.randomUUID().toString(), org.a1(), "2025-T1", "T", "\"value\":50")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("indicatorId"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{}")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("indicatorId", "orgUnitId", "period"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"indicatorId\":\"nope\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        String count = Fixtures.indicator(Fixtures.code("C"), "COUNT", "YEARLY", false, "[]", null);
        measure(count, org.a1(), "2025", "T", "\"value\":2.5")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("value"));
        measure(count, org.a1(), "2025", "T", "\"missingReason\":\"TOO_FEW_RESPONSES\",\"responses\":3")
                .then()
                .statusCode(201)
                .body("value", nullValue())
                .body("missingReason", equalTo("TOO_FEW_RESPONSES"));
        assertThat(Fixtures.count("SELECT count(*) FROM measurement WHERE indicator_id = '" + ind + "'"))
                .isZero();
    }

    @Test
    void unitManagersRecordForTheirSubtreeAndStaffReadButBoardAndBiUseAggregates() {
        String ind = Fixtures.indicator(Fixtures.code("A"), "SCALE_1_5", "YEARLY", false, "[]", null);
        String body =
                "{\"indicatorId\":\"%s\",\"orgUnitId\":\"%s\",\"period\":\"2025\",\"value\":4.1,\"responses\":20}";
        String erik = Fixtures.manager(org.deptA());
        Response own = given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body(body.formatted(ind, org.a2()))
                .post(PATH);
        own.then().statusCode(201);
        given().header("Authorization", erik)
                .contentType(ContentType.JSON)
                .body(body.formatted(ind, org.b1()))
                .post(PATH)
                .then()
                .statusCode(403);
        given().header("Authorization", Fixtures.anna())
                .contentType(ContentType.JSON)
                .body(body.formatted(ind, org.a1()))
                .post(PATH)
                .then()
                .statusCode(403);
        Response foreign = measure(ind, org.b1(), "2025", "T", "\"value\":3.9,\"responses\":12");
        String foreignId = foreign.path("id");
        given().header("Authorization", erik)
                .header("If-Match", foreign.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{}")
                .put(PATH + "/" + foreignId)
                .then()
                .statusCode(403);
        given().header("Authorization", erik)
                .get(PATH + "/" + foreignId + "/revisions")
                .then()
                .statusCode(403);
        given().header("Authorization", erik)
                .get(PATH + "/" + own.path("id") + "/revisions")
                .then()
                .statusCode(200);
        given().header("Authorization", Fixtures.anna())
                .queryParam("indicatorId", ind)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        given().header("Authorization", Fixtures.anna())
                .queryParam("indicatorId", ind)
                .queryParam("orgUnitId", org.deptA().toString())
                .queryParam("subtree", true)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].orgUnitId", equalTo(org.a2().toString()));
        given().header("Authorization", Fixtures.viewer()).get(PATH).then().statusCode(403);
        given().header("Authorization", Fixtures.bi()).get(PATH).then().statusCode(403);
        given().get(PATH).then().statusCode(401);
        given().header("Authorization", Fixtures.anna())
                .queryParam("period", "2025-T9")
                .get(PATH)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("period"));
    }
}
