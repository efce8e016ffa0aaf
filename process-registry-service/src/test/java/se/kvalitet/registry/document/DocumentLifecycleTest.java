package se.kvalitet.registry.document;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.ELDERLY;
import static se.kvalitet.registry.Api.HEMTJANST_NORR;
import static se.kvalitet.registry.Api.IFO;
import static se.kvalitet.registry.Api.ROUTINES_4_4;
import static se.kvalitet.registry.Api.anna;
import static se.kvalitet.registry.Api.approve;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.etag;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;
import static se.kvalitet.registry.Api.put;
import static se.kvalitet.registry.Api.requirement;
import static se.kvalitet.registry.Api.today;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentSupersededV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.registry.Api;
import se.kvalitet.testing.TopicReader;

/** Processes with ordered activities, routines, the lifecycle with immutable versions, history and diff, and who may do what. */
@QuarkusTest
class DocumentLifecycleTest {

    @Inject
    DataSource dataSource;

    @Test
    void aProcessIsDraftedWithOrderedActivitiesApprovedRevisedAndDiffed() {
        String p = Api.processDraft(
                karin(),
                ELDERLY,
                List.of(ELDERLY),
                "Hemtjänst: från ansökan till insats",
                "Ta emot ansökan",
                "Utreda behov",
                "Fatta beslut");
        Response draft = given().header("Authorization", karin()).get(DOCS + "/" + p + "/draft");
        draft.then()
                .statusCode(200)
                .body("versionStatus", equalTo("DRAFT"))
                .body("documentStatus", equalTo("NOT_APPROVED"))
                .body("activities.name", equalTo(List.of("Ta emot ansökan", "Utreda behov", "Fatta beslut")))
                .body("activities.position", equalTo(List.of(1, 2, 3)));
        List<String> ids = draft.path("activities.activityId");
        // an activity at position 2, then the order reversed
        post(karin(), DOCS + "/" + p + "/activities", body("name", "Planera insats", "position", 3), etag(p))
                .then()
                .statusCode(200)
                .body(
                        "activities.name",
                        equalTo(List.of("Ta emot ansökan", "Utreda behov", "Planera insats", "Fatta beslut")));
        List<String> all = given().header("Authorization", karin())
                .get(DOCS + "/" + p + "/draft")
                .path("activities.activityId");
        List<String> reversed = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        put(karin(), DOCS + "/" + p + "/activity-order", body("activityIds", reversed), etag(p))
                .then()
                .statusCode(200)
                .body(
                        "activities.name",
                        equalTo(List.of("Fatta beslut", "Planera insats", "Utreda behov", "Ta emot ansökan")))
                .body("activities.position", equalTo(List.of(1, 2, 3, 4)));
        put(karin(), DOCS + "/" + p + "/activity-order", body("activityIds", reversed.subList(0, 3)), etag(p))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("activityIds"));
        put(karin(), DOCS + "/" + p + "/activity-order", body("activityIds", all), etag(p))
                .then()
                .statusCode(200);
        // others do not see a draft at all
        given().header("Authorization", anna()).get(DOCS + "/" + p).then().statusCode(404);
        given().header("Authorization", anna())
                .get(DOCS + "/" + p + "/versions")
                .then()
                .statusCode(404);

        approve(karin(), p, today())
                .then()
                .statusCode(200)
                .body("versionStatus", equalTo("APPROVED"))
                .body("documentStatus", equalTo("IN_FORCE"))
                .body("decision.decidedBy", equalTo("BOARD"))
                .body("decision.diarienummer", equalTo("SN 2026/17"))
                .body(
                        "nextReviewDate",
                        equalTo(LocalDate.parse(today()).plusYears(1).toString()));
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            EventEnvelope env =
                    Api.events(reader, p, DocumentApprovedV1.TYPE, 1).get(0);
            DocumentApprovedV1 e = EventCodec.data(env, DocumentApprovedV1.class);
            assertThat(e.documentType()).isEqualTo(DocumentType.PROCESS);
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.supersedesVersion()).isNull();
            assertThat(e.activities())
                    .extracting(a -> a.activityId().toString())
                    .containsExactlyElementsOf(all);
            assertThat(e.orgUnitIds()).containsExactly(UUID.fromString(ELDERLY));
            assertThat(new String(env.data(), StandardCharsets.UTF_8))
                    .doesNotContain("Hemtjänst: från ansökan")
                    .doesNotContain("Avdelningschef");
        }
        // approved: readable by all staff
        given().header("Authorization", anna())
                .get(DOCS + "/" + p)
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("title", equalTo("Hemtjänst: från ansökan till insats"))
                .body("workingVersion", nullValue());

        // a revision: version 1 stays in force until version 2 is approved
        post(karin(), DOCS + "/" + p + "/revisions", "{}", etag(p))
                .then()
                .statusCode(201)
                .body("version", equalTo(2))
                .body("versionStatus", equalTo("DRAFT"))
                .body("activities.activityId", equalTo(all));
        post(karin(), DOCS + "/" + p + "/revisions", "{}", etag(p))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/draft-exists"));
        given().header("Authorization", anna()).get(DOCS + "/" + p).then().body("version", equalTo(1));
        put(
                        karin(),
                        DOCS + "/" + p + "/draft",
                        body(
                                "title",
                                "Hemtjänst: från ansökan till uppföljning",
                                "summary",
                                "Syftet är att brukaren får rätt stöd i rätt tid.",
                                "content",
                                "Första raden\nAndra raden",
                                "processCategory",
                                "CORE",
                                "startPoint",
                                "Ansökan inkommer",
                                "endPoint",
                                "Insatsen är uppföljd",
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(ELDERLY, IFO),
                                "reviewInterval",
                                "EVERY_SECOND_YEAR"),
                        etag(p))
                .then()
                .statusCode(200)
                .body("title", equalTo("Hemtjänst: från ansökan till uppföljning"));
        post(karin(), DOCS + "/" + p + "/activities", body("name", "Följa upp"), etag(p))
                .then()
                .statusCode(200);
        String fattaBeslut = all.get(3);
        put(
                        karin(),
                        DOCS + "/" + p + "/activities/" + fattaBeslut,
                        body("name", "Besluta om insats", "position", 1),
                        etag(p))
                .then()
                .statusCode(200)
                .body("activities[0].name", equalTo("Besluta om insats"));
        approve(karin(), p, today()).then().statusCode(200).body("version", equalTo(2));
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            assertThat(Api.event(reader, p, DocumentApprovedV1.class, 2).supersedesVersion())
                    .isEqualTo(1);
            DocumentSupersededV1 s = Api.event(reader, p, DocumentSupersededV1.class, 1);
            assertThat(s.version()).isEqualTo(1);
            assertThat(s.supersededByVersion()).isEqualTo(2);
            assertThat(s.supersededOn()).isEqualTo(LocalDate.parse(today()));
        }
        given().header("Authorization", anna())
                .get(DOCS + "/" + p + "/versions")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("status", equalTo(List.of("SUPERSEDED", "APPROVED")));
        given().header("Authorization", anna())
                .get(DOCS + "/" + p + "/versions/1")
                .then()
                .statusCode(200)
                .body("versionStatus", equalTo("SUPERSEDED"))
                .body("title", equalTo("Hemtjänst: från ansökan till insats"))
                .body("supersededOn", equalTo(today()));
        given().header("Authorization", anna())
                .queryParams("from", 1, "to", 2)
                .get(DOCS + "/" + p + "/diff")
                .then()
                .statusCode(200)
                .body("fields.field", hasItems("title", "summary", "endPoint", "reviewInterval"))
                .body("fields.find { it.field == 'title' }.to", equalTo("Hemtjänst: från ansökan till uppföljning"))
                .body("content.op", equalTo(List.of("ADDED", "ADDED")))
                .body("linesAdded", equalTo(2))
                .body("orgUnitsAdded", equalTo(List.of(IFO)))
                .body(
                        "activities.find { it.activityId == '" + fattaBeslut + "' }.changes",
                        hasItems("RENAMED", "MOVED"))
                .body("activities.find { it.toName == 'Följa upp' }.changes", equalTo(List.of("ADDED")));
        given().header("Authorization", anna())
                .queryParams("from", 1)
                .get(DOCS + "/" + p + "/diff")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("to"));
        given().header("Authorization", anna())
                .queryParams("from", 1, "to", 9)
                .get(DOCS + "/" + p + "/diff")
                .then()
                .statusCode(400);
    }

    @Test
    void aDecidedVersionIsImmutableEvenInTheDatabase() throws SQLException {
        String p = Api.processDraft(karin(), ELDERLY, List.of(ELDERLY), Api.unique("Process"), "Steg ett");
        approve(karin(), p, today()).then().statusCode(200);
        // the API has no way to edit it ...
        put(
                        karin(),
                        DOCS + "/" + p + "/draft",
                        body(
                                "title",
                                "Ändrad",
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(ELDERLY),
                                "reviewInterval",
                                "YEARLY"),
                        etag(p))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/no-working-version"));
        // ... and the database refuses it too
        try (Connection c = dataSource.getConnection()) {
            assertThatThrownBy(() -> c.createStatement()
                            .executeUpdate(
                                    "UPDATE document_version SET title = 'Ändrad' WHERE document_id = '" + p + "'"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> c.createStatement()
                            .executeUpdate(
                                    "DELETE FROM process_activity WHERE version_id IN (SELECT id FROM document_version WHERE document_id = '"
                                            + p + "')"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> c.createStatement()
                            .executeUpdate(
                                    "UPDATE document_version SET status = 'DRAFT' WHERE document_id = '" + p + "'"))
                    .hasMessageContaining("immutable");
        }
        given().header("Authorization", anna())
                .get(DOCS + "/" + p)
                .then()
                .body("title", not(equalTo("Ändrad")))
                .body("activities.name", equalTo(List.of("Steg ett")));
    }

    @Test
    void aRoutineBelongsToAnActivityAndSaysWhoDoesWhat() {
        String p = Api.processDraft(
                karin(), ELDERLY, List.of(ELDERLY), Api.unique("Process"), "Genomföra insats", "Följa upp");
        String activity = given().header("Authorization", karin())
                .get(DOCS + "/" + p + "/draft")
                .path("activities[0].activityId");
        approve(karin(), p, today()).then().statusCode(200);
        String r = Api.routineDraft(
                karin(),
                null,
                activity,
                HEMTJANST_NORR,
                List.of(HEMTJANST_NORR),
                "Rutin för nyckelhantering",
                "## Så här gör du\n\n1. Kvittera nyckeln.\n2. Lås in den.",
                List.of(requirement(ROUTINES_4_4, "EGENKONTROLL", "Enhetschef")));
        given().header("Authorization", karin())
                .get(DOCS + "/" + r + "/draft")
                .then()
                .statusCode(200)
                .body("processId", equalTo(p))
                .body("activityId", equalTo(activity))
                .body("requirements[0].regulationCode", equalTo("SOSFS 2011:9"))
                .body("requirements[0].reference", equalTo("4 kap. 4 §"))
                .body("requirements[0].followUpMethod", equalTo("EGENKONTROLL"))
                .body("responsibilities.responsibleRole", equalTo(List.of("Handläggare", "Enhetschef")));
        approve(karin(), r, today()).then().statusCode(200);
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            DocumentApprovedV1 e = Api.event(reader, r, DocumentApprovedV1.class, 1);
            assertThat(e.documentType()).isEqualTo(DocumentType.ROUTINE);
            assertThat(e.processId()).hasToString(p);
            assertThat(e.activityId()).hasToString(activity);
            assertThat(e.requirements()).singleElement().satisfies(ref -> {
                assertThat(ref.requirementItemId()).hasToString(ROUTINES_4_4);
                assertThat(ref.regulationCode()).isEqualTo("SOSFS 2011:9");
                assertThat(ref.reference()).isEqualTo("4 kap. 4 §");
                assertThat(ref.followUpMethod()).isEqualTo(FollowUpMethod.EGENKONTROLL);
            });
            assertThat(e.nextReviewDate()).isEqualTo(LocalDate.parse(today()).plusYears(2));
        }
        given().header("Authorization", anna())
                .queryParams("processId", p)
                .get(DOCS)
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(r)));
        given().header("Authorization", anna())
                .queryParams("requirementItemId", ROUTINES_4_4, "type", "ROUTINE", "limit", 500)
                .get(DOCS)
                .then()
                .body("items.id", hasItem(r));
        given().header("Authorization", anna())
                .queryParams("unit", HEMTJANST_NORR, "limit", 500)
                .get(DOCS)
                .then()
                .body("items.id", hasItems(r, p));
        given().header("Authorization", anna())
                .queryParams("unit", IFO, "limit", 500)
                .get(DOCS)
                .then()
                .body("items.id", not(hasItem(r)));

        // the activity cannot disappear from the process while the routine points at it
        post(karin(), DOCS + "/" + p + "/revisions", "{}", etag(p)).then().statusCode(201);
        given().header("Authorization", karin())
                .header("If-Match", etag(p))
                .delete(DOCS + "/" + p + "/activities/" + activity)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/activity-in-use"))
                .body("documentIds", hasItem(r));
        // nor the process be withdrawn under it
        given().header("Authorization", karin())
                .header("If-Match", etag(p))
                .delete(DOCS + "/" + p + "/draft")
                .then()
                .statusCode(204);
        post(karin(), DOCS + "/" + p + "/withdraw", body("reason", "OBSOLETE"), etag(p))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://kvalitet.se/problems/document-has-dependents"));

        post(karin(), DOCS + "/" + r + "/withdraw", body("reason", "OBSOLETE"), etag(r))
                .then()
                .statusCode(200)
                .body("versionStatus", equalTo("WITHDRAWN"))
                .body("documentStatus", equalTo("WITHDRAWN"))
                .body("withdrawnOn", equalTo(today()));
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            DocumentWithdrawnV1 w = Api.event(reader, r, DocumentWithdrawnV1.class, 1);
            assertThat(w.version()).isEqualTo(1);
            assertThat(w.orgUnitIds()).containsExactly(UUID.fromString(HEMTJANST_NORR));
        }
        // withdrawn: out of the lists in force, still readable with its history
        given().header("Authorization", anna())
                .queryParams("processId", p)
                .get(DOCS)
                .then()
                .body("total", equalTo(0));
        given().header("Authorization", anna())
                .queryParams("processId", p, "view", "WITHDRAWN")
                .get(DOCS)
                .then()
                .body("items.id", equalTo(List.of(r)));
        given().header("Authorization", anna())
                .get(DOCS + "/" + r)
                .then()
                .statusCode(200)
                .body("versionStatus", equalTo("WITHDRAWN"));
        post(karin(), DOCS + "/" + p + "/withdraw", body("reason", "OBSOLETE"), etag(p))
                .then()
                .statusCode(200);
    }

    @Test
    void approvalNeedsWhatTheTypeNeedsAndTheLifecycleIsEnforced() {
        Response created = post(
                karin(),
                DOCS,
                body(
                        "type",
                        "ROUTINE",
                        "title",
                        Api.unique("Rutin"),
                        "ownerOrgUnitId",
                        ELDERLY,
                        "orgUnitIds",
                        List.of(),
                        "reviewInterval",
                        "MONTHS",
                        "reviewIntervalMonths",
                        18),
                null);
        created.then().statusCode(201).header("ETag", notNullValue()).body("version", equalTo(1));
        String r = created.path("id");
        // a draft cannot be approved before it is submitted
        post(karin(), DOCS + "/" + r + "/approve", body("decidedBy", "UNIT_HEAD", "decidedOn", today()), etag(r))
                .then()
                .statusCode(409)
                .body("currentState", equalTo("DRAFT"));
        post(karin(), DOCS + "/" + r + "/submit", "{}", etag(r))
                .then()
                .statusCode(200)
                .body("versionStatus", equalTo("IN_REVIEW"));
        // locked while in review
        put(
                        karin(),
                        DOCS + "/" + r + "/draft",
                        body(
                                "title",
                                "X",
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY"),
                        etag(r))
                .then()
                .statusCode(409)
                .body("currentState", equalTo("IN_REVIEW"));
        post(karin(), DOCS + "/" + r + "/submit", "{}", etag(r))
                .then()
                .statusCode(409)
                .body("allowed", hasItems("DRAFT", "APPROVED"));
        // incomplete: no units, no procedure, no responsibilities
        post(karin(), DOCS + "/" + r + "/approve", body("decidedBy", "UNIT_HEAD", "decidedOn", today()), etag(r))
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/incomplete-document"))
                .body("errors.field", hasItems("orgUnitIds", "content", "responsibilities"));
        // a decision cannot be dated in the future, nor take effect before it was taken
        post(
                        karin(),
                        DOCS + "/" + r + "/approve",
                        body(
                                "decidedBy",
                                "UNIT_HEAD",
                                "decidedOn",
                                LocalDate.parse(today()).plusDays(3).toString()),
                        etag(r))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("decidedOn"));
        post(
                        karin(),
                        DOCS + "/" + r + "/approve",
                        body(
                                "decidedBy",
                                "UNIT_HEAD",
                                "decidedOn",
                                today(),
                                "validFrom",
                                LocalDate.parse(today()).minusDays(1).toString()),
                        etag(r))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("validFrom"));
        post(karin(), DOCS + "/" + r + "/return-to-draft", "{}", etag(r))
                .then()
                .statusCode(200)
                .body("versionStatus", equalTo("DRAFT"));
        put(
                        karin(),
                        DOCS + "/" + r + "/draft",
                        body(
                                "title",
                                "Rutin för läkemedelshantering",
                                "content",
                                "Gör så här.",
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(HEMTJANST_NORR),
                                "reviewInterval",
                                "MONTHS",
                                "reviewIntervalMonths",
                                18,
                                "responsibilities",
                                List.of(Api.responsibility("Delar läkemedel", "Undersköterska"))),
                        etag(r))
                .then()
                .statusCode(200);
        post(karin(), DOCS + "/" + r + "/submit", "{}", etag(r)).then().statusCode(200);
        post(karin(), DOCS + "/" + r + "/approve", body("decidedBy", "UNIT_HEAD", "decidedOn", today()), etag(r))
                .then()
                .statusCode(200)
                .body(
                        "nextReviewDate",
                        equalTo(LocalDate.parse(today()).plusMonths(18).toString()))
                .body("reviewIntervalMonths", equalTo(18));
        // stale and missing locks
        post(karin(), DOCS + "/" + r + "/revisions", "{}", "\"0\"")
                .then()
                .statusCode(412)
                .body("currentETag", equalTo(etag(r)));
        post(karin(), DOCS + "/" + r + "/revisions", "{}", null).then().statusCode(428);
        // a draft never approved is discarded with its document
        String tmp = post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "GUIDELINE",
                                "title",
                                "Tillfällig",
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "ON_DEMAND"),
                        null)
                .path("id");
        given().header("Authorization", karin())
                .header("If-Match", etag(tmp))
                .delete(DOCS + "/" + tmp + "/draft")
                .then()
                .statusCode(204);
        given().header("Authorization", karin()).get(DOCS + "/" + tmp).then().statusCode(404);
    }

    @Test
    void badInputIsAProblemAndNothingIsWritten() {
        String title = Api.unique("Felaktig");
        post(karin(), DOCS, "{}", null)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("title", "ownerOrgUnitId", "orgUnitIds", "reviewInterval"));
        post(
                        karin(),
                        DOCS,
                        body(
                                "title",
                                title,
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("type"));
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "MEMO",
                                "title",
                                title,
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("type"))
                .body("errors[0].message", containsString("COOPERATION_AGREEMENT"));
        // fields the type does not take
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "ROUTINE",
                                "title",
                                title,
                                "processCategory",
                                "CORE",
                                "checklistItems",
                                List.of("a"),
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY",
                                "reviewIntervalMonths",
                                6),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("processCategory", "checklistItems", "reviewIntervalMonths"));
        // unknown references name the field
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "ROUTINE",
                                "title",
                                title,
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(ELDERLY, UUID.randomUUID().toString()),
                                "activityId",
                                UUID.randomUUID().toString(),
                                "requirements",
                                List.of(requirement(UUID.randomUUID().toString(), null, null)),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors.field", hasItems("orgUnitIds[1]", "activityId", "requirements[0].requirementItemId"));
        // a personal identity number in a document all staff read
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "ROUTINE",
                                "title",
                                title,
                                "content",
                                "Kontakta brukaren 19121212-1212 vid frågor.",
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/personal-identity-number"))
                .body("errors.field", equalTo(List.of("content")));
        // too long, wrong types, malformed ids
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "ROUTINE",
                                "title",
                                "x".repeat(201),
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("title"));
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "ROUTINE",
                                "title",
                                title,
                                "content",
                                "x".repeat(100_001),
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("content"));
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "ROUTINE",
                                "title",
                                title,
                                "ownerOrgUnitId",
                                "elva",
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("ownerOrgUnitId"));
        post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "ROUTINE",
                                "title",
                                title,
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                ELDERLY,
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("orgUnitIds"));
        given().header("Authorization", anna())
                .queryParam("type", "MEMO")
                .get(DOCS)
                .then()
                .statusCode(400);
        given().header("Authorization", anna())
                .queryParam("unit", "x")
                .get(DOCS)
                .then()
                .statusCode(400);
        given().header("Authorization", anna())
                .queryParam("view", "ALL")
                .get(DOCS)
                .then()
                .statusCode(400);
        given().header("Authorization", karin())
                .queryParams("view", "WORKING", "limit", 500)
                .get(DOCS)
                .then()
                .statusCode(200)
                .body("items.title", not(hasItem(title)));
        given().header("Authorization", anna())
                .get(DOCS + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheQualityTeamAndTheDocumentsProcessOwnersEdit() {
        String perElderly = Api.owner("per", ELDERLY);
        String perIfo = Api.owner("pia", IFO);
        // a process owner creates documents of their own part of the organisation ...
        String p = Api.processDraft(perElderly, HEMTJANST_NORR, List.of(HEMTJANST_NORR), Api.unique("Process"), "Steg");
        // ... but not of another's
        post(
                        perIfo,
                        DOCS,
                        body(
                                "type",
                                "GUIDELINE",
                                "title",
                                "X",
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://kvalitet.se/problems/foreign-reference"))
                .body("errors[0].field", equalTo("ownerOrgUnitId"));
        // nor make one of their own apply to units outside their part (it would count for those units' coverage)
        String guideline = Api.unique("Riktlinje");
        post(
                        perElderly,
                        DOCS,
                        body(
                                "type",
                                "GUIDELINE",
                                "title",
                                guideline,
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(HEMTJANST_NORR, Api.BARN_OCH_UNGA),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://kvalitet.se/problems/foreign-reference"))
                .body("errors[0].field", equalTo("orgUnitIds[1]"));
        given().header("Authorization", karin())
                .queryParams("view", "WORKING", "limit", 500)
                .get(DOCS)
                .then()
                .body("items.title", not(hasItem(guideline)));
        // another owner's draft process is as unknown to them as one that does not exist; the quality team may link it
        String routine = body(
                "type",
                "ROUTINE",
                "title",
                Api.unique("Rutin"),
                "content",
                "Gör så här.",
                "processId",
                p,
                "ownerOrgUnitId",
                IFO,
                "orgUnitIds",
                List.of(IFO),
                "responsibilities",
                List.of(Api.responsibility("Utför", "Enhetschef")),
                "reviewInterval",
                "YEARLY");
        post(perIfo, DOCS, routine, null)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors[0].field", equalTo("processId"));
        post(karin(), DOCS, routine, null).then().statusCode(201);
        // another part's process owner does not even see the draft; the quality team does
        given().header("Authorization", perIfo)
                .get(DOCS + "/" + p + "/draft")
                .then()
                .statusCode(404);
        given().header("Authorization", karin())
                .get(DOCS + "/" + p + "/draft")
                .then()
                .statusCode(200);
        given().header("Authorization", perElderly)
                .queryParams("view", "WORKING", "limit", 500)
                .get(DOCS)
                .then()
                .body("items.id", hasItem(p));
        given().header("Authorization", perIfo)
                .queryParams("view", "WORKING", "limit", 500)
                .get(DOCS)
                .then()
                .body("items.id", not(hasItem(p)));
        approve(perElderly, p, today()).then().statusCode(200);
        // approved: everyone reads, the other process owner still cannot change it, nor may staff
        given().header("Authorization", perIfo).get(DOCS + "/" + p).then().statusCode(200);
        post(perIfo, DOCS + "/" + p + "/revisions", "{}", etag(p))
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        post(anna(), DOCS + "/" + p + "/revisions", "{}", etag(p)).then().statusCode(403);
        post(Api.erik(), DOCS + "/" + p + "/withdraw", body("reason", "OBSOLETE"), etag(p))
                .then()
                .statusCode(403);
        // a process owner may not hand a draft to a unit outside their part
        post(perElderly, DOCS + "/" + p + "/revisions", "{}", etag(p)).then().statusCode(201);
        put(
                        perElderly,
                        DOCS + "/" + p + "/draft",
                        body("title", "X", "ownerOrgUnitId", IFO, "orgUnitIds", List.of(), "reviewInterval", "YEARLY"),
                        etag(p))
                .then()
                .statusCode(403);
        given().header("Authorization", anna())
                .get(DOCS + "/" + p)
                .then()
                .body("versionStatus", equalTo("APPROVED"))
                .body("ownerOrgUnitId", equalTo(HEMTJANST_NORR));
        given().get(DOCS).then().statusCode(401);
    }
}
