package se.kvalitet.deviation.rootcause;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static se.kvalitet.deviation.investigation.InvestigationTest.entry;
import static se.kvalitet.deviation.investigation.InvestigationTest.etag;
import static se.kvalitet.deviation.investigation.InvestigationTest.post;
import static se.kvalitet.deviation.investigation.InvestigationTest.trackPath;

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
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.RootCause;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.WithdrawalReason;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/** Root causes point only at routines the registry published (local copy through the inbox); completion carries them. */
@QuarkusTest
class RootCauseTest {

    static final String PATH = "/deviation/v1/deviations";
    static final UUID HEMTJANST = UUID.fromString("00000000-0000-4000-8000-000000000011");
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();

    static DocumentApprovedV1 approved(UUID id, DocumentType type, int version, LocalDate validFrom) {
        return new DocumentApprovedV1(
                id,
                type,
                version,
                UUID.randomUUID(),
                null,
                null,
                null,
                null,
                List.of(),
                HEMTJANST,
                List.of(HEMTJANST),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                DecisionBody.UNIT_HEAD,
                validFrom,
                validFrom,
                ReviewInterval.YEARLY,
                null,
                validFrom.plusYears(1),
                version == 1 ? null : version - 1,
                Instant.now());
    }

    static void publish(KafkaProducer<String, byte[]> producer, DomainEvent event) throws Exception {
        EventEnvelope env =
                EventCodec.envelope(event, URI.create("/kvalitet/process-registry-service"), Instant.now(), null);
        producer.send(new ProducerRecord<>(Topics.REGISTRY, null, env.subject(), env.data(), EventCodec.headers(env)))
                .get();
    }

    @Test
    void rootCausesLinkOnlyKnownRoutinesAndTravelWithTheCompletedInvestigation() throws Exception {
        UUID routine = UUID.randomUUID();
        UUID process = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        Properties p = new Properties();
        p.put("bootstrap.servers", System.getProperty("kvalitet.test.kafka.bootstrap-servers"));
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            publish(producer, approved(routine, DocumentType.ROUTINE, 1, LocalDate.of(2025, 3, 1)));
            publish(producer, approved(routine, DocumentType.ROUTINE, 2, LocalDate.of(2026, 2, 1)));
            publish(producer, approved(process, DocumentType.PROCESS, 1, LocalDate.of(2025, 3, 1)));
            publish(producer, approved(withdrawn, DocumentType.ROUTINE, 1, LocalDate.of(2024, 1, 1)));
            publish(
                    producer,
                    new DocumentWithdrawnV1(
                            withdrawn,
                            DocumentType.ROUTINE,
                            1,
                            UUID.randomUUID(),
                            WithdrawalReason.OBSOLETE,
                            null,
                            LocalDate.of(2026, 1, 1),
                            List.of(HEMTJANST),
                            Instant.now()));
        }
        String reporter = TestTokens.user("rep-" + UUID.randomUUID())
                .roles("reporter")
                .orgUnits(HEMTJANST)
                .bearer();
        String id = given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Fel brukare fick matleverans","description":"Leveranslistan var inaktuell.",
                         "occurredAt":"2026-09-14T11:00:00Z","orgUnitId":"%s"}""".formatted(HEMTJANST))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(karin, PATH + "/" + id + "/triage", etag(karin, PATH + "/" + id), "{\"categories\":[\"OTHER_DEVIATION\"]}")
                .then()
                .statusCode(200);
        String track = given().header("Authorization", karin)
                .get(PATH + "/" + id)
                .then()
                .extract()
                .path("tracks[0].id");
        String path = trackPath(id, track);
        String cause = "{\"cause\":\"%s\",\"routineIds\":[\"%s\"],\"comment\":\"Listan uppdateras inte vid flytt.\"}";

        // the copy fills from the registry's events (through the inbox)
        await().atMost(Duration.ofSeconds(20))
                .until(() -> post(karin, path + "/root-causes", null, cause.formatted("DEFICIENT_ROUTINE", routine))
                                .statusCode()
                        == 201);
        post(karin, path + "/root-causes", null, cause.formatted("DEFICIENT_ROUTINE", UUID.randomUUID()))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("routineIds"));
        // a process is no routine; a routine withdrawn before the deviation occurred cannot be its cause (each
        // document's
        // events come on its own partition: wait until the copy knows the withdrawal)
        await().atMost(Duration.ofSeconds(20))
                .until(() -> DeviationDb.count("SELECT count(*) FROM routine_copy WHERE document_id IN ('" + process
                                + "', '" + withdrawn + "') AND (document_type = 'PROCESS' OR withdrawn_on IS NOT NULL)")
                        == 2);
        post(karin, path + "/root-causes", null, cause.formatted("MISSING_ROUTINE", process))
                .then()
                .statusCode(422);
        post(karin, path + "/root-causes", null, cause.formatted("ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED", withdrawn))
                .then()
                .statusCode(422)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("withdrawn"));
        post(karin, path + "/root-causes", null, cause.formatted("BAD_KARMA", routine))
                .then()
                .statusCode(400);
        post(karin, path + "/root-causes", null, "{\"cause\":\"COMPETENCE\",\"routineIds\":[\"not-a-uuid\"]}")
                .then()
                .statusCode(400);
        post(karin, path + "/root-causes", null, "{\"cause\":\"COMPETENCE\",\"comment\":\"Gäller 121212-1212\"}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("comment"));
        post(
                        TestTokens.user("ingrid").roles("investigator").bearer(),
                        path + "/root-causes",
                        null,
                        "{\"cause\":\"COMPETENCE\"}")
                .then()
                .statusCode(404);
        String mistaken = post(karin, path + "/root-causes", null, "{\"cause\":\"TECHNOLOGY\"}")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(karin, path + "/root-causes", null, "{\"cause\":\"COMMUNICATION_AND_INFORMATION_TRANSFER\"}")
                .then()
                .statusCode(201);
        given().header("Authorization", karin)
                .header("If-Match", "\"999\"")
                .delete(path + "/root-causes/" + mistaken)
                .then()
                .statusCode(412);
        given().header("Authorization", karin)
                .header("If-Match", etag(karin, path))
                .delete(path + "/root-causes/" + mistaken)
                .then()
                .statusCode(200)
                .body(
                        "rootCauses.cause",
                        containsInAnyOrder("DEFICIENT_ROUTINE", "COMMUNICATION_AND_INFORMATION_TRANSFER"))
                .body("rootCauses.routineIds.flatten()", hasItem(routine.toString()));
        post(karin, PATH + "/" + id + "/actions", null, """
                {"title":"Leveranslistan kopplas till flyttrutinen","owner":"karin","dueDate":"%s","trackId":"%s",
                 "rootCauses":["DEFICIENT_ROUTINE"]}""".formatted(
                                LocalDate.now().plusDays(14), track))
                .then()
                .statusCode(201);

        entry(karin, path, "WHAT_HAPPENED_AND_CONSEQUENCES", "FACT", "Fel brukare fick matleverans.")
                .then()
                .statusCode(201);
        entry(karin, path, "CAUSES", "ASSESSMENT", "Listan uppdateras inte vid flytt.")
                .then()
                .statusCode(201);
        post(karin, path + "/complete", etag(karin, path), "{\"position\":\"Rutinen ändras.\"}")
                .then()
                .statusCode(200);
        post(karin, path + "/root-causes", null, "{\"cause\":\"OTHER\"}").then().statusCode(409);

        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            var completed = reader.await(r -> id.equals(r.key()), 6, Duration.ofSeconds(20)).stream()
                    .map(EventContract::assertValid)
                    .filter(e -> e.type().equals(DeviationInvestigationCompletedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationInvestigationCompletedV1.class))
                    .findFirst()
                    .orElseThrow();
            assertThat(completed.rootCauses())
                    .containsExactly(RootCause.DEFICIENT_ROUTINE, RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER);
            assertThat(completed.routineIds()).containsExactly(routine);
            assertThat(completed.actionCount()).isEqualTo(1);
        }
    }
}
