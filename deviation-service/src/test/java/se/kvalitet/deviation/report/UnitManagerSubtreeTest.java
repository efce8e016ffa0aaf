package se.kvalitet.deviation.report;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
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
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.testing.TestTokens;

/** A unit manager acts for the units in the token and every unit under them, as the registry publishes the tree. */
@QuarkusTest
public class UnitManagerSubtreeTest {

    public static void publish(KafkaProducer<String, byte[]> producer, UUID id, UUID parent, LocalDate from)
            throws Exception {
        EventEnvelope env = EventCodec.envelope(
                new OrgUnitChangedV1(
                        id, null, "Enhet", "UNIT", parent, from, true, "CREATED", List.of(), Instant.now()),
                URI.create("/kvalitet/process-registry-service"),
                Instant.now(),
                null);
        producer.send(new ProducerRecord<>(Topics.REGISTRY, null, env.subject(), env.data(), EventCodec.headers(env)))
                .get();
    }

    public static String report(UUID unit) {
        return given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Larmet gick inte fram","description":"Trygghetslarmet saknade batteri.",
                         "occurredAt":"2026-11-20T18:30:00Z","noticedAt":"2026-11-20T20:45:00Z",
                         "orgUnitId":"%s","suggestedCategory":"OTHER_DEVIATION"}""".formatted(unit))
                .post("/deviation/v1/deviations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aManagerOfADepartmentSeesItsUnitsReportsButNotAnotherDepartmentsAndFollowsAMove() throws Exception {
        UUID department = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        UUID otherDepartment = UUID.randomUUID();
        UUID otherUnit = UUID.randomUUID();
        Properties p = new Properties();
        p.put("bootstrap.servers", System.getProperty("kvalitet.test.kafka.bootstrap-servers"));
        String manager = TestTokens.user("erik")
                .roles("unit-manager")
                .orgUnits(department)
                .bearer();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            publish(producer, unit, department, LocalDate.of(2025, 1, 1));
            publish(producer, otherUnit, otherDepartment, LocalDate.of(2025, 1, 1));
            // intake takes units the organisation has: wait until the copy knows them
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> DeviationDb.count(
                                    "SELECT count(DISTINCT org_unit_id) FROM orgcopy_version WHERE org_unit_id IN ('"
                                            + unit + "', '" + otherUnit + "')")
                            == 2);
            String mine = report(unit);
            String theirs = report(otherUnit);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> given().header("Authorization", manager)
                                    .get("/deviation/v1/deviations/" + mine)
                                    .statusCode()
                            == 200);
            given().header("Authorization", manager)
                    .get("/deviation/v1/deviations/" + theirs)
                    .then()
                    .statusCode(404);

            // the other unit moves into the manager's department: its reports follow
            publish(producer, otherUnit, department, LocalDate.of(2026, 1, 1));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> given().header("Authorization", manager)
                                    .get("/deviation/v1/deviations/" + theirs)
                                    .statusCode()
                            == 200);
            // a late, older snapshot does not move it back
            publish(producer, otherUnit, otherDepartment, LocalDate.of(2025, 6, 1));
            Thread.sleep(1500);
            given().header("Authorization", manager)
                    .get("/deviation/v1/deviations/" + theirs)
                    .then()
                    .statusCode(200);
        }
    }
}
