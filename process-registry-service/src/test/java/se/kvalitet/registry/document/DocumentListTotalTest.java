package se.kvalitet.registry.document;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.approve;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.etag;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;
import static se.kvalitet.registry.Api.put;
import static se.kvalitet.registry.Api.today;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.kvalitet.registry.Api;

/**
 * Issue 20: the total of {@code GET /documents?unit=} (view IN_FORCE or WITHDRAWN, no other filter) comes from the
 * per-unit count kept by a trigger (V106), not from counting the versions; it is exact, so it must equal a count from
 * scratch after every kind of change that can move it: approval, a version naming several units of the set, a
 * revision that names other units (the old version superseded), a withdrawal, drafts (not counted).
 */
@QuarkusTest
class DocumentListTotalTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theTotalOfAUnitsDocumentsIsExactAndEqualsACountFromScratch() throws Exception {
        String k = karin();
        // a tree of its own, so that no other test's document applies: root > a > b, root > c
        String root = Api.root(Api.unique("Totalnämnd"));
        String a = Api.unit(root, Api.unique("Total A"));
        String b = Api.unit(a, Api.unique("Total B"));
        String c = Api.unit(root, Api.unique("Total C"));
        List<String> all = List.of(root, a, b, c);
        check(all, "nothing yet");

        String onA = routine(k, a, List.of(a), "A");
        String onB = routine(k, b, List.of(b), "B");
        String onAAndB = routine(k, a, List.of(a, b), "A och B");
        String onBAndC = routine(k, b, List.of(b, c), "B och C");
        String onC = routine(k, c, List.of(c), "C");
        String onRootAndC = routine(k, root, List.of(root, c), "roten och C");
        for (String id : List.of(onA, onB, onAAndB, onBAndC, onC, onRootAndC)) {
            approve(k, id, today()).then().statusCode(200);
        }
        routine(k, a, List.of(a), "utkast"); // a draft: in no total
        check(all, "approved");
        // the versions naming two units of b's set (a, b and root) are one document each
        assertThat(list("IN_FORCE", b).getInt("total")).isEqualTo(5);

        // a revision of onAAndB naming c instead: version 1 superseded, version 2 counted for c
        post(k, DOCS + "/" + onAAndB + "/revisions", "{}", etag(onAAndB)).then().statusCode(201);
        put(k, DOCS + "/" + onAAndB + "/draft", draft("A och B, nu C", c, List.of(c)), etag(onAAndB))
                .then()
                .statusCode(200);
        approve(k, onAAndB, today()).then().statusCode(200);
        check(all, "revised");

        // withdrawn: out of IN_FORCE, into WITHDRAWN
        post(k, DOCS + "/" + onBAndC + "/withdraw", body("reason", "OBSOLETE"), etag(onBAndC))
                .then()
                .statusCode(200);
        post(k, DOCS + "/" + onA + "/withdraw", body("reason", "OBSOLETE"), etag(onA))
                .then()
                .statusCode(200);
        check(all, "withdrawn");
        assertThat(list("WITHDRAWN", c).getInt("total")).isEqualTo(1);
        assertThat(list("IN_FORCE", c).getInt("total")).isEqualTo(3);

        // with another filter the total is counted (still exact below the cap)
        JsonPath byType = given().header("Authorization", k)
                .get(DOCS + "?view=IN_FORCE&type=ROUTINE&limit=100&unit=" + c)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(byType.getInt("total")).isEqualTo(fromScratch("APPROVED", c));
        assertThat(byType.getBoolean("totalExact")).isTrue();
    }

    @Test
    void aBulkApprovalIsCountedAndAFilteredTotalStopsAtItsCap() throws Exception {
        String root = Api.root(Api.unique("Bulknämnd"));
        String d = Api.unit(root, Api.unique("Bulk D"));
        int n = DocumentQueries.FILTERED_TOTAL_CAP + 50;
        // approved in one UPDATE after their units are in (as an import does; the trigger is per statement)
        try (Connection conn = dataSource.getConnection();
                Statement s = conn.createStatement()) {
            String docs = "generate_series(1, " + n + ") i";
            String id = "md5('" + d + "' || '.' || i)::uuid";
            s.execute("INSERT INTO document (id, version, type, status, in_force_version, latest_version,"
                    + " owner_org_unit_id, created_at, updated_at) SELECT " + id
                    + ", 2, 'ROUTINE', 'IN_FORCE', 1, 1, '" + d + "', now(), now() FROM " + docs);
            s.execute("INSERT INTO document_version (id, document_id, number, status, title, content,"
                    + " requires_cooperation, owner_org_unit_id, review_interval, decided_by, decided_on, valid_from,"
                    + " approved_at, created_at, updated_at) SELECT " + id + ", " + id
                    + ", 1, 'IN_REVIEW', 'Bulkrutin ' || i, 'Bulkinnehåll', false, '" + d
                    + "', 'YEARLY', 'UNIT_HEAD', current_date, current_date, now(), now(), now() FROM " + docs);
            s.execute("INSERT INTO document_version_org_unit (version_id, org_unit_id) SELECT " + id + ", '" + d
                    + "' FROM " + docs);
            s.execute("UPDATE document_version SET status = 'APPROVED' WHERE status = 'IN_REVIEW' AND id IN (SELECT "
                    + id + " FROM " + docs + ")");
        }
        check(List.of(root, d), "bulk approved");
        assertThat(list("IN_FORCE", d).getInt("total")).isEqualTo(n);

        for (String filter : List.of("type=ROUTINE", "ownerOrgUnitId=" + d)) {
            JsonPath filtered = given().header("Authorization", karin())
                    .get(DOCS + "?view=IN_FORCE&limit=10&unit=" + d + "&" + filter)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(filtered.getInt("total")).as(filter).isEqualTo(DocumentQueries.FILTERED_TOTAL_CAP);
            assertThat(filtered.getBoolean("totalExact")).as(filter).isFalse();
        }
    }

    /** For every unit and both views: total exact, equal to a count from scratch and to the items listed. */
    private void check(List<String> units, String when) throws Exception {
        for (String unit : units) {
            for (String view : List.of("IN_FORCE", "WITHDRAWN")) {
                JsonPath page = list(view, unit);
                int expected = fromScratch(view.equals("IN_FORCE") ? "APPROVED" : "WITHDRAWN", unit);
                assertThat(page.getInt("total"))
                        .as("%s: total of %s for unit %s", when, view, unit)
                        .isEqualTo(expected);
                assertThat(page.getBoolean("totalExact")).isTrue();
                assertThat(page.getList("items")).hasSize(Math.min(expected, 100));
            }
        }
    }

    private static JsonPath list(String view, String unit) {
        return given().header("Authorization", karin())
                .get(DOCS + "?view=" + view + "&limit=100&unit=" + unit)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The versions with {@code status} naming the unit, a unit above it or one under it, counted from the tables. */
    private int fromScratch(String status, String unit) throws Exception {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement s = conn.prepareStatement("""
                        WITH RECURSIVE cur AS (
                            SELECT org_unit_id, parent_id FROM org_unit_version
                             WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to > current_date)),
                        down AS (SELECT ?::uuid AS id
                                 UNION SELECT c.org_unit_id FROM cur c JOIN down d ON c.parent_id = d.id),
                        up AS (SELECT ?::uuid AS id
                               UNION SELECT c.parent_id FROM cur c JOIN up u ON c.org_unit_id = u.id
                                WHERE c.parent_id IS NOT NULL)
                        SELECT count(DISTINCT v.id) FROM document_version v
                          JOIN document_version_org_unit l ON l.version_id = v.id
                         WHERE v.status = ? AND l.org_unit_id IN (SELECT id FROM down UNION SELECT id FROM up)""")) {
            s.setString(1, unit);
            s.setString(2, unit);
            s.setString(3, status);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String routine(String token, String owner, List<String> units, String title) {
        return Api.routineDraft(
                token, null, null, owner, units, Api.unique("Totalrutin " + title), "Så här gör du.", List.of());
    }

    private static String draft(String title, String owner, List<String> units) {
        return Api.json(Map.of(
                "responsibilities",
                List.of(Api.responsibility("Följer upp att rutinen följs", "Enhetschef")),
                "title",
                Api.unique(title),
                "summary",
                "Rutinen beskriver hur arbetet görs.",
                "content",
                "Så här gör du.",
                "ownerOrgUnitId",
                owner,
                "orgUnitIds",
                units,
                "reviewInterval",
                "EVERY_SECOND_YEAR"));
    }
}
