package se.kvalitet.registry.migration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.EGENKONTROLL_5_2;
import static se.kvalitet.registry.Api.anna;
import static se.kvalitet.registry.Api.karin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentReviewedV1;
import se.kvalitet.events.registry.DocumentSupersededV1;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.registry.Api;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/**
 * POST /registry/v1/imports (issue 16 item 1): past decided versions replayed through the live rules at their own
 * dates, with their events, provenance and "as of" answers; idempotent by source reference; rejected rows name row,
 * field and reason and store nothing; only the importer.
 */
@QuarkusTest
class DocumentImportTest {

    static final String IMPORTS = "/registry/v1/imports";
    static final String NDJSON = "application/x-ndjson";

    @Inject
    EntityManager em;

    static String importer() {
        return TestTokens.user("ingrid").roles("importer").bearer();
    }

    /** A unit (and its parent chain) valid since 2020, so decisions of past years may name it. */
    static String unitSince2020(String parent, String type, String name) {
        String parentField = parent == null ? "" : "\"parentId\":\"" + parent + "\",";
        return given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{" + parentField + "\"name\":\"" + name + "\",\"type\":\"" + type
                        + "\",\"validFrom\":\"2020-01-01\"}")
                .post("/registry/v1/org-units")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String homeCareSince2020() {
        String board = unitSince2020(null, "BOARD", Api.unique("Nämnd"));
        String unit = unitSince2020(board, "UNIT", Api.unique("Hemtjänst"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Hemtjänst","legalBases":["SOL"],"kinds":["HOME_CARE"],"orgUnitIds":["%s"]}""".formatted(Api.unique("V"), unit))
                .post("/registry/v1/verksamheter")
                .then()
                .statusCode(201);
        return unit;
    }

    /** One NDJSON line; a list field as its elements separated by | (the same text as a CSV cell). */
    static String row(Map<String, Object> fields) {
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        fields.forEach((k, v) -> line.put(
                k,
                v instanceof List<?> l
                        ? l.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("|"))
                        : v));
        return Api.json(line);
    }

    static Map<String, Object> routine(String ref, String version, String unit) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("sourceSystem", "platina");
        m.put("sourceId", ref + ":" + version);
        m.put("documentRef", ref);
        m.put("type", "ROUTINE");
        m.put("title", "Rutin för egenkontroll " + ref);
        m.put("content", "1. Gör egenkontrollen varje kvartal.");
        m.put("responsibilities", List.of("Genomför egenkontrollen=Enhetschef"));
        m.put("requirements", List.of(EGENKONTROLL_5_2 + "=EGENKONTROLL=Enhetschef"));
        m.put("ownerOrgUnitId", unit);
        m.put("orgUnitIds", List.of(unit));
        m.put("reviewInterval", "YEARLY");
        m.put("decidedBy", "UNIT_HEAD");
        return m;
    }

    static Response post(String token, String contentType, String body) {
        var request = given().contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (token != null) {
            request = request.header("Authorization", token);
        }
        return request.post(IMPORTS);
    }

    long outboxRows(String key) {
        return outboxRows(key, null);
    }

    long outboxRows(String key, String type) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE event_key = :key"
                                        + " AND (CAST(:type AS varchar) IS NULL OR event_type = :type)")
                                .setParameter("key", key)
                                .setParameter("type", type)
                                .getSingleResult())
                        .longValue());
    }

    @Test
    void aRoutineApprovedWithdrawnAndReApprovedReadsRightAsOfEachYear() {
        String unit = homeCareSince2020();
        String ref = Api.unique("RUT");
        Map<String, Object> v1 = routine(ref, "v1", unit);
        v1.put("decidedOn", "2023-02-01");
        v1.put("diarienummer", "SN 2023/17");
        v1.put("nextReviewDate", "2023-12-15");
        v1.put("reviewedOn", List.of("2024-01-20"));
        v1.put("withdrawnOn", "2024-06-01");
        v1.put("withdrawalReason", "OBSOLETE");
        Map<String, Object> v2 = routine(ref, "v2", unit);
        v2.put("title", "Rutin för egenkontroll, ny " + ref);
        v2.put("decidedOn", "2025-03-01");
        v2.put("validFrom", "2025-03-15");
        v2.put("nextReviewDate", "2025-12-20");
        // the later version first in the file: rows are replayed in the order they were decided
        String file = row(v2) + "\n" + row(v1) + "\n";

        JsonPath run = post(importer(), NDJSON, file)
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(IMPORTS + "/"))
                .body("status", equalTo("COMPLETED"))
                .body("total", equalTo(2))
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(0))
                .extract()
                .jsonPath();
        String runId = run.getString("id");
        String id = run.getString("rows.items[0].documentId");
        assertThat(run.getString("rows.items[1].documentId")).isEqualTo(id);
        assertThat(run.getList("rows.items.version", Integer.class)).containsExactly(2, 1);
        assertThat(run.getList("rows.items.status", String.class)).containsExactly("ACCEPTED", "ACCEPTED");

        // the document: in force again from its re-approval, each version with its provenance
        given().header("Authorization", anna())
                .get(DOCS + "/" + id)
                .then()
                .statusCode(200)
                .body("documentStatus", equalTo("IN_FORCE"))
                .body("version", equalTo(2))
                .body("decision.decidedOn", equalTo("2025-03-01"))
                .body("decision.validFrom", equalTo("2025-03-15"))
                .body("decision.decidedBy", equalTo("UNIT_HEAD"))
                .body("nextReviewDate", equalTo("2025-12-20"))
                .body("provenance.sourceSystem", equalTo("platina"))
                .body("provenance.sourceId", equalTo(ref + ":v2"))
                .body("provenance.importRunId", equalTo(runId));
        given().header("Authorization", anna())
                .get(DOCS + "/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("status", equalTo(List.of("WITHDRAWN", "APPROVED")))
                .body("[0].withdrawnOn", equalTo("2024-06-01"))
                .body("[0].decision.decidedOn", equalTo("2023-02-01"))
                .body("[0].decision.diarienummer", equalTo("SN 2023/17"))
                .body("[0].provenance.sourceId", equalTo(ref + ":v1"))
                .body("[1].provenance.sourceId", equalTo(ref + ":v2"));

        // coverage as of each year's 31 December: covered by v1, then nothing, then v2
        Object[][] years = {{"2023-12-31", 1}, {"2024-12-31", null}, {"2025-03-14", null}, {"2025-12-31", 2}};
        for (Object[] y : years) {
            JsonPath coverage = given().header("Authorization", anna())
                    .queryParams("unit", unit, "asOf", y[0])
                    .get("/registry/v1/coverage")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String row = "requirements.find { it.requirementItemId == '" + EGENKONTROLL_5_2 + "' }";
            List<String> docs = coverage.getList(row + ".documents.documentId", String.class);
            if (y[1] == null) {
                assertThat(docs).as("as of %s", y[0]).doesNotContain(id);
                assertThat(coverage.getString(row + ".state"))
                        .as("as of %s", y[0])
                        .isEqualTo("GAP");
            } else {
                assertThat(docs).as("as of %s", y[0]).containsExactly(id);
                assertThat(coverage.getInt(row + ".documents[0].version"))
                        .as("as of %s", y[0])
                        .isEqualTo(y[1]);
            }
        }
        // reviews as of a day: overdue at the end of 2023, reviewed in January 2024, withdrawn in June, v2 overdue
        // at the end of 2025
        Object[][] reviewDays = {
            {"2023-12-15", "DUE", "2023-12-15"},
            {"2023-12-31", "OVERDUE", "2023-12-15"},
            {"2024-03-01", null, null},
            {"2024-12-31", null, null},
            {"2025-12-31", "OVERDUE", "2025-12-20"}
        };
        for (Object[] d : reviewDays) {
            for (String state : List.of("DUE", "OVERDUE")) {
                JsonPath reviews = given().header("Authorization", anna())
                        .queryParams("state", state, "asOf", d[0], "unit", unit, "limit", 500)
                        .get("/registry/v1/reviews")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                boolean expected = state.equals(d[1]);
                assertThat(reviews.getList("items.id", String.class).contains(id))
                        .as("%s on %s", state, d[0])
                        .isEqualTo(expected);
                if (expected) {
                    String item = "items.find { it.id == '" + id + "' }";
                    assertThat(reviews.getString(item + ".nextReviewDate"))
                            .as("%s", d[0])
                            .isEqualTo(d[2]);
                }
            }
        }

        // the same events as live work, with the original dates
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            List<DocumentApprovedV1> approved = Api.events(reader, id, DocumentApprovedV1.TYPE, 2).stream()
                    .map(e -> EventCodec.data(e, DocumentApprovedV1.class))
                    .toList();
            assertThat(approved).extracting(DocumentApprovedV1::version).containsExactly(1, 2);
            assertThat(approved)
                    .extracting(DocumentApprovedV1::decidedOn)
                    .containsExactly(LocalDate.parse("2023-02-01"), LocalDate.parse("2025-03-01"));
            assertThat(approved.get(1).validFrom()).isEqualTo(LocalDate.parse("2025-03-15"));
            assertThat(approved.get(0).approvedAt().toString()).startsWith("2023-02-01");
            DocumentReviewedV1 reviewed = Api.event(reader, id, DocumentReviewedV1.class, 1);
            assertThat(reviewed.reviewedOn()).isEqualTo(LocalDate.parse("2024-01-20"));
            assertThat(reviewed.previousReviewDate()).isEqualTo(LocalDate.parse("2023-12-15"));
            assertThat(reviewed.nextReviewDate()).isEqualTo(LocalDate.parse("2025-01-20"));
            DocumentWithdrawnV1 withdrawn = Api.event(reader, id, DocumentWithdrawnV1.class, 1);
            assertThat(withdrawn.withdrawnOn()).isEqualTo(LocalDate.parse("2024-06-01"));
            assertThat(withdrawn.version()).isEqualTo(1);
        }
        assertThat(outboxRows(id, DocumentSupersededV1.TYPE))
                .as("a withdrawn version is not superseded by the re-approval")
                .isZero();

        // the same file again: nothing stored or published twice
        long events = outboxRows(id);
        post(importer(), NDJSON, file)
                .then()
                .statusCode(201)
                .body("accepted", equalTo(0))
                .body("alreadyImported", equalTo(2))
                .body("rows.items.status", equalTo(List.of("ALREADY_IMPORTED", "ALREADY_IMPORTED")))
                .body("rows.items[0].documentId", equalTo(id));
        assertThat(outboxRows(id)).isEqualTo(events);
        given().header("Authorization", anna())
                .get(DOCS + "/" + id + "/versions")
                .then()
                .body("size()", equalTo(2));

        // the same reference with other values: rejected, the version unchanged
        v1.put("diarienummer", "SN 2023/18");
        post(importer(), NDJSON, row(v1))
                .then()
                .statusCode(201)
                .body("rejected", equalTo(1))
                .body("rows.items[0].status", equalTo("REJECTED"))
                .body("rows.items[0].sourceId", nullValue())
                .body("rows.items[0].errors[0].field", equalTo("sourceId"));
        given().header("Authorization", anna())
                .get(DOCS + "/" + id + "/versions/1")
                .then()
                .body("decision.diarienummer", equalTo("SN 2023/17"));
        assertThat(outboxRows(id)).isEqualTo(events);

        // a later version in another file joins the document; one dated before its last step does not
        Map<String, Object> early = routine(ref, "v0", unit);
        early.put("decidedOn", "2025-01-10");
        post(importer(), NDJSON, row(early))
                .then()
                .statusCode(201)
                .body("rows.items[0].status", equalTo("REJECTED"))
                .body("rows.items[0].errors[0].field", equalTo("decidedOn"));
        Map<String, Object> v3 = routine(ref, "v3", unit);
        v3.put("decidedOn", "2026-02-01");
        post(importer(), NDJSON, row(v3))
                .then()
                .statusCode(201)
                .body("rows.items[0].status", equalTo("ACCEPTED"))
                .body("rows.items[0].version", equalTo(3));
        given().header("Authorization", anna())
                .get(DOCS + "/" + id + "/versions")
                .then()
                .body("status", equalTo(List.of("WITHDRAWN", "SUPERSEDED", "APPROVED")))
                .body("[1].supersededOn", equalTo("2026-02-01"));
    }

    @Test
    void badRowsAreRejectedWithRowFieldAndReasonAndStoreNothing() {
        String unit = homeCareSince2020();
        String unitSince2024 = Api.unit(unit, Api.unique("Grupp"));
        String ref = Api.unique("G");
        Map<String, Object> good = guideline(ref + "-ok", unit, "2022-05-01");
        Map<String, Object> noDate = guideline(ref + "-nodate", unit, null);
        Map<String, Object> future = guideline(ref + "-future", unit, "2099-01-01");
        Map<String, Object> pnr = guideline(ref + "-pnr", unit, "2022-05-01");
        pnr.put("title", "Riktlinje för 19121212-1212");
        Map<String, Object> noResponsibilities = routine(ref + "-r", "v1", unit);
        noResponsibilities.remove("responsibilities");
        noResponsibilities.put("decidedOn", "2022-05-01");
        Map<String, Object> unitNotYet = guideline(ref + "-unit", unitSince2024, "2022-05-01");
        Map<String, Object> reviewBefore = guideline(ref + "-review", unit, "2022-05-01");
        reviewBefore.put("reviewedOn", List.of("2022-04-01"));
        String file = String.join(
                "\n",
                row(good),
                "{not json",
                "{\"sourceSystem\":\"platina\",\"sourceId\":\"x\",\"colour\":\"red\"}",
                row(noDate),
                row(future),
                row(pnr),
                row(noResponsibilities),
                row(unitNotYet),
                row(reviewBefore));
        JsonPath run = post(importer(), NDJSON, file)
                .then()
                .statusCode(201)
                .body("total", equalTo(9))
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(8))
                .extract()
                .jsonPath();
        Map<Integer, String> fields = new java.util.TreeMap<>();
        for (Map<String, Object> r : run.<Map<String, Object>>getList("rows.items")) {
            if ("REJECTED".equals(r.get("status"))) {
                List<Map<String, String>> errors = (List<Map<String, String>>) r.get("errors");
                assertThat(errors).as("row %s", r.get("row")).isNotEmpty();
                assertThat(errors.get(0).get("message")).isNotBlank();
                assertThat(r.get("sourceId")).isNull();
                fields.put((Integer) r.get("row"), errors.get(0).get("field"));
            }
        }
        assertThat(fields)
                .containsEntry(2, "row")
                .containsEntry(3, "colour")
                .containsEntry(4, "decidedOn")
                .containsEntry(5, "decidedOn")
                .containsEntry(6, "title")
                .containsEntry(7, "responsibilities")
                .containsEntry(9, "reviewedOn");
        assertThat(fields.get(8))
                .as("a unit that did not exist on the decision day")
                .isEqualTo("ownerOrgUnitId");
        // nothing of a rejected row is stored: no document for its reference
        long stored = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "SELECT count(*) FROM document_migration WHERE document_ref LIKE :ref")
                                .setParameter("ref", ref + "%")
                                .getSingleResult())
                        .longValue());
        assertThat(stored).isEqualTo(1);
        // the run later: only what to fix, paged
        String runId = run.getString("id");
        given().header("Authorization", importer())
                .queryParams("status", "REJECTED", "limit", 3, "page", 2)
                .get(IMPORTS + "/" + runId)
                .then()
                .statusCode(200)
                .body("rows.total", equalTo(8))
                .body("rows.items.row", equalTo(List.of(5, 6, 7)))
                .body("rows.items.status", not(hasItem("ACCEPTED")));
        given().header("Authorization", importer())
                .queryParams("status", "LOST")
                .get(IMPORTS + "/" + runId)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().header("Authorization", importer())
                .queryParams("statuss", "REJECTED")
                .get(IMPORTS + "/" + runId)
                .then()
                .statusCode(400);
    }

    static Map<String, Object> guideline(String ref, String unit, String decidedOn) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("sourceSystem", "platina");
        m.put("sourceId", ref);
        m.put("documentRef", ref);
        m.put("type", "GUIDELINE");
        m.put("title", "Riktlinje " + ref);
        m.put("content", "Riktlinjen anger ramarna.");
        m.put("ownerOrgUnitId", unit);
        m.put("orgUnitIds", List.of(unit));
        m.put("reviewInterval", "EVERY_SECOND_YEAR");
        m.put("decidedBy", "BOARD");
        if (decidedOn != null) {
            m.put("decidedOn", decidedOn);
        }
        return m;
    }

    @Test
    void csvWithQuotingAndListCells() {
        String unit = homeCareSince2020();
        String ref = Api.unique("CSV");
        String csv = "sourceSystem,sourceId,documentRef,type,title,content,checklistItems,ownerOrgUnitId,orgUnitIds,"
                + "reviewInterval,decidedBy,decidedOn,reviewedOn\r\n"
                + "excel," + ref + ":1," + ref
                + ",CHECKLIST,\"Checklista, \"\"inskrivning\"\"\",,\"Ta emot|Informera\","
                + unit + "," + unit + ",YEARLY,UNIT_HEAD,2021-09-01,2022-08-30|2023-09-01\r\n";
        JsonPath run = post(importer(), "text/csv", csv)
                .then()
                .statusCode(201)
                .body("accepted", equalTo(1))
                .extract()
                .jsonPath();
        String id = run.getString("rows.items[0].documentId");
        given().header("Authorization", anna())
                .get(DOCS + "/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Checklista, \"inskrivning\""))
                .body("checklistItems", equalTo(List.of("Ta emot", "Informera")))
                .body("lastReviewedOn", equalTo("2023-09-01"))
                .body("nextReviewDate", equalTo("2024-09-01"))
                .body("provenance.sourceSystem", equalTo("excel"));
        post(importer(), "text/csv", "sourceSystem,sourceId,colour\nexcel,a,red\n")
                .then()
                .statusCode(400)
                .body("type", org.hamcrest.Matchers.endsWith("unknown-columns"));
        post(importer(), "text/csv", "").then().statusCode(400);
        post(importer(), NDJSON, "\n\n").then().statusCode(400);
        given().header("Authorization", importer())
                .header("Prefer", "wait=soon")
                .contentType(NDJSON)
                .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(IMPORTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("Prefer"));
    }

    @Test
    void onlyTheImporterImports() {
        String body = "{\"sourceSystem\":\"platina\",\"sourceId\":\"x\"}";
        post(karin(), NDJSON, body).then().statusCode(403);
        post(anna(), NDJSON, body).then().statusCode(403);
        post(null, NDJSON, body).then().statusCode(401);
        given().header("Authorization", karin())
                .get(IMPORTS + "/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(403);
        given().header("Authorization", importer())
                .get(IMPORTS + "/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(404);
        given().header("Authorization", importer())
                .contentType(ContentType.JSON)
                .body("{}")
                .post(IMPORTS)
                .then()
                .statusCode(415);
    }

    @Test
    void aWithdrawnDocumentIsRevisedAndApprovedAgainThroughTheLiveApi() {
        String unit = homeCareSince2020();
        Map<String, Object> g = guideline(Api.unique("W"), unit, "2022-01-10");
        g.put("withdrawnOn", "2023-01-01");
        g.put("withdrawalReason", "OBSOLETE");
        String id = post(importer(), NDJSON, row(g))
                .then()
                .statusCode(201)
                .body("accepted", equalTo(1))
                .extract()
                .path("rows.items[0].documentId");
        given().header("Authorization", anna())
                .get(DOCS + "/" + id)
                .then()
                .body("documentStatus", equalTo("WITHDRAWN"));
        Api.post(karin(), DOCS + "/" + id + "/revisions", "{}", Api.etag(id))
                .then()
                .statusCode(201)
                .body("version", equalTo(2));
        Api.approve(karin(), id, Api.today()).then().statusCode(200);
        given().header("Authorization", anna())
                .get(DOCS + "/" + id)
                .then()
                .body("documentStatus", equalTo("IN_FORCE"))
                .body("version", equalTo(2))
                .body("provenance", nullValue());
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            DocumentApprovedV1 again = Api.event(reader, id, DocumentApprovedV1.class, 2);
            assertThat(again.version()).isEqualTo(2);
            assertThat(again.validFrom()).isEqualTo(LocalDate.parse(Api.today()));
        }
    }

    @Test
    void aProcessKeepsTheActivitiesItNamesAcrossVersions() {
        String unit = homeCareSince2020();
        String ref = Api.unique("PROC");
        Map<String, Object> v1 = new java.util.LinkedHashMap<>();
        v1.put("sourceSystem", "platina");
        v1.put("sourceId", ref + ":1");
        v1.put("documentRef", ref);
        v1.put("type", "PROCESS");
        v1.put("title", "Process " + ref);
        v1.put("summary", "Att ge hemtjänst.");
        v1.put("processCategory", "CORE");
        v1.put("startPoint", "Ansökan");
        v1.put("endPoint", "Avslutad insats");
        v1.put("activities", List.of("Ta emot", "Utreda"));
        v1.put("ownerOrgUnitId", unit);
        v1.put("orgUnitIds", List.of(unit));
        v1.put("reviewInterval", "EVERY_SECOND_YEAR");
        v1.put("decidedBy", "BOARD");
        v1.put("decidedOn", "2022-03-01");
        Map<String, Object> v2 = new java.util.LinkedHashMap<>(v1);
        v2.put("sourceId", ref + ":2");
        v2.put("activities", List.of("Ta emot", "Besluta"));
        v2.put("decidedOn", "2024-03-01");
        Map<String, Object> routine = routine(ref + "-r", "1", unit);
        routine.remove("requirements");
        routine.put("decidedOn", "2024-01-01");
        String id = post(importer(), NDJSON, row(v1) + "\n" + row(v2))
                .then()
                .statusCode(201)
                .body("accepted", equalTo(2))
                .extract()
                .path("rows.items[0].documentId");
        JsonPath first = given().header("Authorization", anna())
                .get(DOCS + "/" + id + "/versions/1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getList("activities.name", String.class)).containsExactly("Ta emot", "Utreda");
        JsonPath second = given().header("Authorization", anna())
                .get(DOCS + "/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .extract()
                .jsonPath();
        assertThat(second.getList("activities.name", String.class)).containsExactly("Ta emot", "Besluta");
        assertThat(second.getString("activities.find { it.name == 'Ta emot' }.activityId"))
                .as("a kept activity keeps its id")
                .isEqualTo(first.getString("activities.find { it.name == 'Ta emot' }.activityId"));
        // activities are a process's only
        routine.put("activities", List.of("Ta emot"));
        post(importer(), NDJSON, row(routine))
                .then()
                .statusCode(201)
                .body("rows.items[0].status", equalTo("REJECTED"))
                .body("rows.items[0].errors[0].field", equalTo("activities"));
    }
}
