package se.kvalitet.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.SequentialScans;

/**
 * Issue 20 item 2 for the registry: a routine drafted, submitted and approved (with the coverage refresh of its
 * units), the document lists (in force, for a unit with its total from the per-unit count, for a unit by type,
 * withdrawn for a unit, a keyset page, by type and requirement, withdrawn), search for a
 * common and a rarer word, one document, the coverage matrix of a unit, the risk matrix of today and the list of risk analyses (whole, of a
 * unit's subtree, a cursor page, an offset page, filtered, a unit manager's part) read no table
 * that grows with history by a sequential scan ({@link SequentialScans}: planned with {@code enable_seqscan = off},
 * so a sequential scan means no index could answer). Allowed: the tables of the organisation, the verksamheter, the
 * requirement catalogue and the partners (they do not grow with history) and the per-unit summaries (the risk
 * matrix's, V80, coverage's, V90, with its queue of changed versions, emptied by every refresh, and the documents'
 * count per unit, V106; not the units of the versions naming several units, {@code document_multi_unit}, which grows
 * with the documents in force and is read by its key).
 */
@QuarkusTest
class NoSequentialScansTest {

    /** Tables that do not grow with history: the organisation, the catalogue, the per-unit summaries. */
    static final Set<String> BOUNDED = Stream.concat(
                    SequentialScans.SHARED_BOUNDED.stream(),
                    Stream.of(
                            "org_unit",
                            "verksamhet",
                            "verksamhet_legal_basis",
                            "verksamhet_kind",
                            "verksamhet_org_unit",
                            "regulation",
                            "requirement_item",
                            "requirement_item_legal_basis",
                            "requirement_item_kind",
                            "cooperation_partner",
                            "unit_coverage_snapshot",
                            "coverage_summary_day",
                            "coverage_unit_documents",
                            "coverage_unit_item",
                            "coverage_pending",
                            "risk_matrix_summary",
                            "risk_analysis_unit_count",
                            "document_unit_count"))
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    AgroalDataSource dataSource;

    @Test
    void approvalListsSearchAndTheMatricesReadNoGrowingTableByASequentialScan() throws Exception {
        String karin = Api.karin();
        // the coverage summary stands for today before the scans are counted (its once-a-day rebuild is no hot path)
        String earlier = Api.routineDraft(
                karin,
                null,
                null,
                Api.HEMTJANST_NORR,
                List.of(Api.HEMTJANST_NORR),
                Api.unique("Skanningsfri rutin före"),
                "Så här gör du.",
                List.of());
        Api.approve(karin, earlier, Api.today()).then().statusCode(200);
        for (int i = 1; i <= 2; i++) {
            Api.post(
                            karin,
                            "/registry/v1/risk-analyses",
                            Api.body(
                                    "title",
                                    "Skanningsfri riskanalys " + i,
                                    "subjectKind",
                                    "PLANNED_CHANGE",
                                    "plannedChange",
                                    "Ny bemanning",
                                    "orgUnitId",
                                    Api.HEMTJANST_NORR,
                                    "analysedOn",
                                    Api.today()),
                            null)
                    .then()
                    .statusCode(201);
        }
        SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));

        String routine = Api.routineDraft(
                karin,
                null,
                null,
                Api.HEMTJANST_NORR,
                List.of(Api.HEMTJANST_NORR),
                Api.unique("Skanningsfri rutin"),
                "Så här gör du när nattfasta och läkemedel ska bedömas.",
                List.of(Api.requirement(Api.ROUTINES_4_4, "EGENKONTROLL", "Enhetschef")));
        Api.approve(karin, routine, Api.today()).then().statusCode(200);

        // the migration import (issue 16 item 1): a version replayed, the same file again, the run read by status
        String importer =
                se.kvalitet.testing.TestTokens.user("ingrid").roles("importer").bearer();
        String ref = Api.unique("SKANN");
        byte[] file = ("{\"sourceSystem\":\"platina\",\"sourceId\":\"" + ref + ":1\",\"documentRef\":\"" + ref
                        + "\",\"type\":\"GUIDELINE\",\"title\":\"Skanningsfri riktlinje\",\"content\":\"Text.\","
                        + "\"ownerOrgUnitId\":\"" + Api.HEMTJANST_NORR + "\",\"orgUnitIds\":\"" + Api.HEMTJANST_NORR
                        + "\",\"reviewInterval\":\"YEARLY\",\"decidedBy\":\"UNIT_HEAD\",\"decidedOn\":\"" + Api.today()
                        + "\"}\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String expected : new String[] {"ACCEPTED", "ALREADY_IMPORTED"}) {
            String run = given().header("Authorization", importer)
                    .contentType("application/x-ndjson")
                    .body(file)
                    .post("/registry/v1/imports")
                    .then()
                    .statusCode(201)
                    .body("rows.items[0].status", equalTo(expected))
                    .extract()
                    .path("id");
            given().header("Authorization", importer)
                    .get("/registry/v1/imports/" + run + "?status=" + expected)
                    .then()
                    .statusCode(200)
                    .body("rows.total", equalTo(1));
        }

        String next = given().header("Authorization", karin)
                .get(Api.DOCS + "?view=IN_FORCE&limit=1")
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");
        assertThat(next).isNotBlank();
        for (String query : new String[] {
            "?view=IN_FORCE&limit=50",
            "?view=IN_FORCE&unit=" + Api.HEMTJANST_NORR + "&limit=50",
            "?view=IN_FORCE&unit=" + Api.HEMTJANST_NORR + "&type=ROUTINE&limit=50",
            "?view=WITHDRAWN&unit=" + Api.HEMTJANST_NORR,
            "?view=IN_FORCE&limit=1&cursor=" + next,
            "?view=IN_FORCE&limit=5&page=2",
            "?view=IN_FORCE&type=ROUTINE&requirementItemId=" + Api.ROUTINES_4_4,
            "?view=WITHDRAWN"
        }) {
            given().header("Authorization", karin).get(Api.DOCS + query).then().statusCode(200);
        }
        for (String q : new String[] {"läkemedel", "nattfasta"}) {
            given().header("Authorization", karin)
                    .queryParam("q", q)
                    .get("/registry/v1/search")
                    .then()
                    .statusCode(200);
        }
        given().header("Authorization", karin)
                .queryParam("q", "läkemedel")
                .queryParam("type", "ROUTINE")
                .queryParam("unit", Api.HEMTJANST_NORR)
                .get("/registry/v1/search")
                .then()
                .statusCode(200);
        given().header("Authorization", karin)
                .get(Api.DOCS + "/" + routine)
                .then()
                .statusCode(200)
                .body("versionStatus", equalTo("APPROVED"));
        given().header("Authorization", karin)
                .get("/registry/v1/coverage?unit=" + Api.HEMTJANST_NORR)
                .then()
                .statusCode(200);
        given().header("Authorization", karin)
                .get("/registry/v1/risk-matrix?unit=" + Api.ELDERLY)
                .then()
                .statusCode(200);
        String analyses = "/registry/v1/risk-analyses";
        String nextAnalyses = given().header("Authorization", karin)
                .get(analyses + "?unit=" + Api.HEMTJANST_NORR + "&limit=1")
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");
        assertThat(nextAnalyses).isNotBlank();
        String erik = Api.erik();
        for (String query : new String[] {
            "?limit=50",
            "?unit=" + Api.ELDERLY + "&limit=50",
            "?unit=" + Api.HEMTJANST_NORR + "&limit=1&cursor=" + nextAnalyses,
            "?unit=" + Api.HEMTJANST_NORR + "&limit=5&page=2",
            "?unit=" + Api.ELDERLY + "&status=OPEN&subjectKind=PLANNED_CHANGE",
            "?status=OPEN&limit=50",
            "?processId=" + routine
        }) {
            given().header("Authorization", karin).get(analyses + query).then().statusCode(200);
        }
        // a unit manager's part of the organisation
        given().header("Authorization", erik).get(analyses + "?limit=50").then().statusCode(200);

        SequentialScans.Result result = scans.end(BOUNDED);
        result.assertNone();
    }
}
