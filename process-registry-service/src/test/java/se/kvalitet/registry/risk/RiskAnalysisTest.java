package se.kvalitet.registry.risk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static se.kvalitet.registry.Api.HEMTJANST_NORR;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.erik;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;
import static se.kvalitet.registry.Api.put;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.MeasureKind;
import se.kvalitet.events.registry.MeasureStatus;
import se.kvalitet.events.registry.RiskAssessedV1;
import se.kvalitet.events.registry.RiskMatrixClass;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;
import se.kvalitet.registry.Api;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/** Risk analyses (5 kap. 1 §): risks with score and class, re-assessment history, measures, the aggregated matrix, access. */
@QuarkusTest
class RiskAnalysisTest {

    static final String PATH = "/registry/v1/risk-analyses";

    @Inject
    DataSource dataSource;

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm"));
    }

    static String etag(String id) {
        return given().header("Authorization", karin())
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    static Map<String, Object> measure(String id, String kind, String description, String status) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        if (id != null) {
            m.put("id", id);
        }
        m.put("kind", kind);
        m.put("description", description);
        m.put("ownerRole", "Enhetschef");
        m.put("dueDate", today().plusMonths(2).toString());
        if (status != null) {
            m.put("status", status);
        }
        return m;
    }

    @Test
    void aRiskIsAssessedReassessedAndCountedInTheMatrixAsOfADay() {
        String root = Api.root(Api.unique("Nämnd"));
        String unit = Api.unit(root, "Hemtjänst Öst");
        String process =
                Api.processDraft(karin(), unit, List.of(unit), Api.unique("Process"), "Nyckelhantering", "Besök");
        String activity = given().header("Authorization", karin())
                .get(Api.DOCS + "/" + process + "/draft")
                .path("activities[0].activityId");
        Api.approve(karin(), process, today().toString()).then().statusCode(200);

        Response created = post(
                karin(),
                PATH,
                body(
                        "title",
                        "Riskanalys nyckelhantering",
                        "subjectKind",
                        "ACTIVITY",
                        "activityId",
                        activity,
                        "orgUnitId",
                        unit,
                        "analysedOn",
                        today().minusDays(10).toString(),
                        "participants",
                        List.of("Enhetschef", "Två undersköterskor")),
                null);
        created.then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .body("processId", equalTo(process))
                .body("participants", equalTo(List.of("Enhetschef", "Två undersköterskor")))
                .body("status", equalTo("OPEN"));
        String a = created.path("id");

        Response first = post(
                karin(),
                PATH + "/" + a + "/risks",
                body(
                        "description",
                        "Nyckel till brukarens bostad kommer bort",
                        "causes",
                        "Nycklar förvaras olåst på kontoret",
                        "likelihood",
                        3,
                        "consequence",
                        4,
                        "assessedOn",
                        today().minusDays(10).toString(),
                        "measures",
                        List.of(
                                measure(null, "EGENKONTROLL", "Månatlig kontroll av nyckelskåpet", null),
                                measure(null, "ACT_NOW", "Lås nyckelskåpet", "DONE"))),
                etag(a));
        first.then()
                .statusCode(201)
                .body("risks[0].score", equalTo(12))
                .body("risks[0].matrixClass", equalTo("VERY_HIGH"))
                .body("risks[0].assessment", equalTo(1))
                .body("byClass.VERY_HIGH", equalTo(1))
                .body("risks[0].measures.kind", equalTo(List.of("EGENKONTROLL", "ACT_NOW")));
        String risk = first.path("risks[0].id");
        String egenkontroll = first.path("risks[0].measures[0].id");

        // a re-assessment after the measures: lower, the egenkontroll kept (same id) and under way
        post(
                        karin(),
                        PATH + "/" + a + "/risks/" + risk + "/assessments",
                        body(
                                "likelihood",
                                2,
                                "consequence",
                                3,
                                "status",
                                "MITIGATED",
                                "note",
                                "Skåpet är låst och kontrolleras",
                                "measures",
                                List.of(measure(
                                        egenkontroll,
                                        "EGENKONTROLL",
                                        "Månatlig kontroll av nyckelskåpet",
                                        "IN_PROGRESS"))),
                        etag(a))
                .then()
                .statusCode(201)
                .body("risks[0].score", equalTo(6))
                .body("risks[0].matrixClass", equalTo("MEDIUM"))
                .body("risks[0].assessment", equalTo(2))
                .body("risks[0].status", equalTo("MITIGATED"))
                .body("risks[0].measures.id", equalTo(List.of(egenkontroll)))
                .body("risks[0].description", equalTo("Nyckel till brukarens bostad kommer bort"));
        given().header("Authorization", karin())
                .get(PATH + "/" + a + "/risks/" + risk + "/assessments")
                .then()
                .statusCode(200)
                .body("number", equalTo(List.of(1, 2)))
                .body("matrixClass", equalTo(List.of("VERY_HIGH", "MEDIUM")))
                .body("[0].measures.size()", equalTo(2))
                .body("[1].measures.size()", equalTo(1))
                .body("[1].note", equalTo("Skåpet är låst och kontrolleras"));

        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            RiskAssessedV1 e1 = Api.event(reader, a, RiskAssessedV1.class, 1);
            assertThat(e1.assessment()).isEqualTo(1);
            assertThat(e1.subjectKind()).isEqualTo(RiskSubjectKind.ACTIVITY);
            assertThat(e1.activityId()).hasToString(activity);
            assertThat(e1.processId()).hasToString(process);
            assertThat(e1.matrixClass()).isEqualTo(RiskMatrixClass.VERY_HIGH);
            assertThat(e1.previousMatrixClass()).isNull();
            assertThat(e1.measures())
                    .extracting(m -> m.kind())
                    .containsExactly(MeasureKind.EGENKONTROLL, MeasureKind.ACT_NOW);
            RiskAssessedV1 e2 = Api.event(reader, a, RiskAssessedV1.class, 2);
            assertThat(e2.riskId()).hasToString(risk);
            assertThat(e2.score()).isEqualTo(6);
            assertThat(e2.previousMatrixClass()).isEqualTo(RiskMatrixClass.VERY_HIGH);
            assertThat(e2.status()).isEqualTo(RiskStatus.MITIGATED);
            assertThat(e2.measures()).singleElement().satisfies(m -> {
                assertThat(m.measureId()).hasToString(egenkontroll);
                assertThat(m.status()).isEqualTo(MeasureStatus.IN_PROGRESS);
            });
        }

        // a closed risk counts only on request
        post(
                        karin(),
                        PATH + "/" + a + "/risks",
                        body(
                                "description",
                                "Fel brukare får besök",
                                "likelihood",
                                1,
                                "consequence",
                                2,
                                "status",
                                "CLOSED"),
                        etag(a))
                .then()
                .statusCode(201);

        // the matrix of the root's subtree, today and before the re-assessment
        Response now = given().header(
                        "Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .queryParam("unit", root)
                .get("/registry/v1/risk-matrix");
        now.then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("analyses", equalTo(1))
                .body("cells.find { it.likelihood == 2 && it.consequence == 3 }.count", equalTo(1))
                .body("cells.find { it.likelihood == 3 && it.consequence == 4 }.count", equalTo(0))
                .body("byClass.MEDIUM", equalTo(1))
                .body("thresholds.VERY_HIGH", equalTo(12))
                .body("cells.size()", equalTo(16));
        given().header("Authorization", karin())
                .queryParams("unit", root, "asOf", today().minusDays(5).toString())
                .get("/registry/v1/risk-matrix")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("cells.find { it.likelihood == 3 && it.consequence == 4 }.count", equalTo(1))
                .body("byClass.VERY_HIGH", equalTo(1));
        given().header("Authorization", karin())
                .queryParams("unit", root, "includeClosed", true)
                .get("/registry/v1/risk-matrix")
                .then()
                .body("total", equalTo(2));
        given().header("Authorization", karin())
                .queryParams("unit", root, "asOf", today().minusDays(30).toString())
                .get("/registry/v1/risk-matrix")
                .then()
                .body("total", equalTo(0));
        given().header("Authorization", karin())
                .queryParams("unit", root)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(a)))
                .body("items[0].risks", equalTo(2))
                .body("items[0].highestClass", equalTo("MEDIUM"));
    }

    @Test
    void historyIsAppendOnlyAndTheLifecycleIsEnforced() throws Exception {
        String a = post(
                        karin(),
                        PATH,
                        body(
                                "title",
                                "Riskanalys inför flytt",
                                "subjectKind",
                                "PLANNED_CHANGE",
                                "plannedChange",
                                "Hemtjänst Norr flyttar till nya lokaler",
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString()),
                        null)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String risk = post(
                        karin(),
                        PATH + "/" + a + "/risks",
                        body("description", "Nycklar blandas ihop vid flytten", "likelihood", 2, "consequence", 2),
                        etag(a))
                .then()
                .statusCode(201)
                .extract()
                .path("risks[0].id");
        // not before the previous assessment, not in the future
        post(
                        karin(),
                        PATH + "/" + a + "/risks/" + risk + "/assessments",
                        body(
                                "likelihood",
                                1,
                                "consequence",
                                1,
                                "status",
                                "OPEN",
                                "assessedOn",
                                today().minusDays(1).toString(),
                                "measures",
                                List.of()),
                        etag(a))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("assessedOn"));
        post(
                        karin(),
                        PATH + "/" + a + "/risks/" + risk + "/assessments",
                        body(
                                "likelihood",
                                1,
                                "consequence",
                                1,
                                "status",
                                "OPEN",
                                "assessedOn",
                                today().plusDays(1).toString(),
                                "measures",
                                List.of()),
                        etag(a))
                .then()
                .statusCode(400);
        post(
                        karin(),
                        PATH + "/" + a + "/risks/" + risk + "/assessments",
                        body(
                                "likelihood",
                                1,
                                "consequence",
                                1,
                                "status",
                                "OPEN",
                                "measures",
                                List.of(measure(UUID.randomUUID().toString(), "ACT_NOW", "X", null))),
                        etag(a))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("measures[0].id"));
        try (Connection c = dataSource.getConnection()) {
            assertThatThrownBy(() -> c.createStatement()
                            .executeUpdate("UPDATE risk_assessment SET score = 1 WHERE risk_id = '" + risk + "'"))
                    .hasMessageContaining("never changed");
        }
        // completed: no new risks until reopened
        put(
                        karin(),
                        PATH + "/" + a,
                        body(
                                "title",
                                "Riskanalys inför flytt",
                                "subjectKind",
                                "PLANNED_CHANGE",
                                "plannedChange",
                                "Hemtjänst Norr flyttar till nya lokaler",
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString(),
                                "status",
                                "COMPLETED"),
                        etag(a))
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
        post(karin(), PATH + "/" + a + "/risks", body("description", "X", "likelihood", 1, "consequence", 1), etag(a))
                .then()
                .statusCode(409)
                .body("currentState", equalTo("COMPLETED"));
        put(karin(), PATH + "/" + a, body("title", "X"), "\"0\"").then().statusCode(400);
        put(
                        karin(),
                        PATH + "/" + a,
                        body(
                                "title",
                                "Riskanalys inför flytt",
                                "subjectKind",
                                "PLANNED_CHANGE",
                                "plannedChange",
                                "Flytt",
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString()),
                        "\"0\"")
                .then()
                .statusCode(412);
    }

    @Test
    void badInputAndAccess() {
        post(karin(), PATH, "{}", null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("title", "subjectKind", "orgUnitId", "analysedOn"));
        post(
                        karin(),
                        PATH,
                        body(
                                "title",
                                "X",
                                "subjectKind",
                                "PROCESS",
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString()),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("processId"));
        post(
                        karin(),
                        PATH,
                        body(
                                "title",
                                "X",
                                "subjectKind",
                                "PLANNED_CHANGE",
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString()),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("plannedChange"));
        post(
                        karin(),
                        PATH,
                        body(
                                "title",
                                "X",
                                "subjectKind",
                                "ACTIVITY",
                                "activityId",
                                UUID.randomUUID().toString(),
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString()),
                        null)
                .then()
                .statusCode(422);
        post(
                        karin(),
                        PATH,
                        body(
                                "title",
                                "X",
                                "subjectKind",
                                "EVENT",
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString()),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("subjectKind"));
        String a = post(
                        erik(),
                        PATH,
                        body(
                                "title",
                                "Erik analyserar",
                                "subjectKind",
                                "PLANNED_CHANGE",
                                "plannedChange",
                                "Ny bemanning",
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString(),
                                "participants",
                                List.of("Kalle 19121212-1212")),
                        null)
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("participants[0]")))
                .extract()
                .path("id");
        assertThat(a).isNull();
        // a unit manager makes analyses for their own units ...
        a = post(
                        erik(),
                        PATH,
                        body(
                                "title",
                                "Erik analyserar",
                                "subjectKind",
                                "PLANNED_CHANGE",
                                "plannedChange",
                                "Ny bemanning",
                                "orgUnitId",
                                HEMTJANST_NORR,
                                "analysedOn",
                                today().toString()),
                        null)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(
                        erik(),
                        PATH + "/" + a + "/risks",
                        body("description", "Bemanningen räcker inte", "likelihood", 5, "consequence", 2),
                        etag(a))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("likelihood"));
        post(
                        erik(),
                        PATH + "/" + a + "/risks",
                        body("description", "Bemanningen räcker inte", "likelihood", 3, "consequence", "hög"),
                        etag(a))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("consequence"));
        // ... with measures owned by units of their own part only
        Map<String, Object> foreignMeasure = measure(null, "ACT_NOW", "Socialsekreterarna tar över", null);
        foreignMeasure.put("ownerOrgUnitId", Api.BARN_OCH_UNGA);
        post(
                        erik(),
                        PATH + "/" + a + "/risks",
                        body(
                                "description",
                                "Bemanningen räcker inte",
                                "likelihood",
                                3,
                                "consequence",
                                2,
                                "measures",
                                List.of(foreignMeasure)),
                        etag(a))
                .then()
                .statusCode(403)
                .body("type", equalTo("https://kvalitet.se/problems/foreign-reference"))
                .body("errors[0].field", equalTo("measures[0].ownerOrgUnitId"));
        Map<String, Object> ownMeasure = measure(null, "ACT_NOW", "Extra personal vid introduktion", null);
        ownMeasure.put("ownerOrgUnitId", HEMTJANST_NORR);
        post(
                        erik(),
                        PATH + "/" + a + "/risks",
                        body(
                                "description",
                                "Bemanningen räcker inte",
                                "likelihood",
                                3,
                                "consequence",
                                2,
                                "measures",
                                List.of(ownMeasure)),
                        etag(a))
                .then()
                .statusCode(201)
                .body("risks[0].measures[0].ownerOrgUnitId", equalTo(HEMTJANST_NORR));
        // ... not for others'
        post(
                        erik(),
                        PATH,
                        body(
                                "title",
                                "X",
                                "subjectKind",
                                "PLANNED_CHANGE",
                                "plannedChange",
                                "X",
                                "orgUnitId",
                                Api.IFO,
                                "analysedOn",
                                today().toString()),
                        null)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://kvalitet.se/problems/foreign-reference"))
                .body("errors[0].field", equalTo("orgUnitId"));
        String ifoManager =
                TestTokens.user("ivar").roles("unit-manager").orgUnits(Api.IFO).bearer();
        given().header("Authorization", ifoManager).get(PATH + "/" + a).then().statusCode(404);
        given().header("Authorization", ifoManager)
                .queryParam("limit", 500)
                .get(PATH)
                .then()
                .body("items.id", not(hasItem(a)));
        given().header("Authorization", erik())
                .queryParam("limit", 500)
                .get(PATH)
                .then()
                .body("items.id", hasItem(a));
        // staff and the board: no analyses, the board sees the matrix
        given().header("Authorization", Api.anna()).get(PATH).then().statusCode(403);
        given().header("Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .get(PATH + "/" + a)
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.user("bo").roles("viewer").bearer())
                .get("/registry/v1/risk-matrix")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("unit"));
        given().header("Authorization", karin())
                .queryParams("unit", HEMTJANST_NORR, "asOf", "31/12")
                .get("/registry/v1/risk-matrix")
                .then()
                .statusCode(400);
    }
}
