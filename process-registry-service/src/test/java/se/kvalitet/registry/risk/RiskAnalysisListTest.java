package se.kvalitet.registry.risk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.registry.Api;
import se.kvalitet.testing.TestTokens;

/**
 * The list of risk analyses pages by keyset (issue 20): newest first (analysedOn, then id), nextCursor walks every
 * analysis once, offset pages stay as they were up to the window, the total is exact from the per-unit counts when
 * only units filter and counted (exact below the cap) with another filter; a caller's part of the organisation
 * limits what every page shows.
 */
@QuarkusTest
class RiskAnalysisListTest {

    static final String PATH = "/registry/v1/risk-analyses";

    record Created(UUID id, LocalDate analysedOn, String unit, String status) {}

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm"));
    }

    static Created analysis(String unit, LocalDate day, String status) {
        String id = post(
                        karin(),
                        PATH,
                        body(
                                "title",
                                "Riskanalys " + day,
                                "subjectKind",
                                "PLANNED_CHANGE",
                                "plannedChange",
                                "Ny bemanning",
                                "orgUnitId",
                                unit,
                                "analysedOn",
                                day.toString(),
                                "status",
                                status),
                        null)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new Created(UUID.fromString(id), day, unit, status);
    }

    static JsonPath page(String token, String query) {
        return given().header("Authorization", token)
                .get(PATH + "?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void cursorPagesWalkEveryAnalysisOnceNewestFirstAndTheTotalIsCounted() {
        String root = Api.root(Api.unique("Nämnd"));
        String north = Api.unit(root, "Hemtjänst Nord");
        String south = Api.unit(root, "Hemtjänst Syd");
        LocalDate d = today().minusDays(40);
        List<Created> all = new ArrayList<>();
        // three on the same day in two units: the id orders them (as PostgreSQL compares uuids: bytes unsigned, the
        // order of the text; java.util.UUID compares signed)
        all.add(analysis(north, d, "OPEN"));
        all.add(analysis(south, d, "COMPLETED"));
        all.add(analysis(north, d, "COMPLETED"));
        all.add(analysis(south, d.plusDays(3), "OPEN"));
        all.add(analysis(north, d.minusDays(200), "COMPLETED"));
        all.add(analysis(north, d.plusDays(10), "OPEN"));
        all.add(analysis(south, d.minusDays(1), "COMPLETED"));
        List<String> newestFirst = all.stream()
                .sorted(Comparator.comparing(Created::analysedOn).reversed().thenComparing(c -> c.id().toString()))
                .map(c -> c.id().toString())
                .toList();

        // nextCursor pages, three at a time
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath p = page(karin(), "unit=" + root + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(p.getInt("total")).isEqualTo(7);
            assertThat(p.getBoolean("totalExact")).isTrue();
            assertThat(p.getInt("page")).isEqualTo(1);
            walked.addAll(p.getList("items.id", String.class));
            cursor = p.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactlyElementsOf(newestFirst);

        // offset pages as before, and the last one has no cursor
        JsonPath second = page(karin(), "unit=" + root + "&limit=3&page=2");
        assertThat(second.getList("items.id", String.class)).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(second.getInt("page")).isEqualTo(2);
        assertThat(second.getString("nextCursor")).isNotNull();
        JsonPath third = page(karin(), "unit=" + root + "&limit=3&page=3");
        assertThat(third.getList("items.id", String.class)).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(third.getString("nextCursor")).isNull();

        // another filter: counted up to the cap (exact here), the cursor walks the filtered rows
        List<String> open = all.stream()
                .sorted(Comparator.comparing(Created::analysedOn).reversed().thenComparing(c -> c.id().toString()))
                .filter(c -> c.status().equals("OPEN"))
                .map(c -> c.id().toString())
                .toList();
        JsonPath firstOpen = page(karin(), "unit=" + root + "&status=OPEN&limit=2");
        assertThat(firstOpen.getInt("total")).isEqualTo(3);
        assertThat(firstOpen.getBoolean("totalExact")).isTrue();
        JsonPath restOpen =
                page(karin(), "unit=" + root + "&status=OPEN&limit=2&cursor=" + firstOpen.getString("nextCursor"));
        List<String> walkedOpen = new ArrayList<>(firstOpen.getList("items.id", String.class));
        walkedOpen.addAll(restOpen.getList("items.id", String.class));
        assertThat(walkedOpen).containsExactlyElementsOf(open);
        assertThat(restOpen.getString("nextCursor")).isNull();

        // one unit of the subtree
        JsonPath southOnly = page(karin(), "unit=" + south + "&limit=50");
        assertThat(southOnly.getInt("total")).isEqualTo(3);
        assertThat(southOnly.getList("items.id", String.class))
                .containsExactlyElementsOf(newestFirst.stream()
                        .filter(id -> all.stream()
                                .anyMatch(c ->
                                        c.id().toString().equals(id) && c.unit().equals(south)))
                        .toList());

        // a unit manager of the north unit: their part only, on every page and in the total
        String manager =
                TestTokens.user("nora").roles("unit-manager").orgUnits(north).bearer();
        List<String> northOnly = newestFirst.stream()
                .filter(id -> all.stream()
                        .anyMatch(c -> c.id().toString().equals(id) && c.unit().equals(north)))
                .toList();
        JsonPath mine = page(manager, "unit=" + root + "&limit=3");
        assertThat(mine.getInt("total")).isEqualTo(4);
        List<String> mineWalked = new ArrayList<>(mine.getList("items.id", String.class));
        mineWalked.addAll(page(manager, "unit=" + root + "&limit=3&cursor=" + mine.getString("nextCursor"))
                .getList("items.id", String.class));
        assertThat(mineWalked).containsExactlyElementsOf(northOnly);
        JsonPath mineAll = page(manager, "limit=500");
        assertThat(mineAll.getInt("total")).isEqualTo(4);
        assertThat(mineAll.getList("items.id", String.class)).containsExactlyElementsOf(northOnly);
        given().header("Authorization", manager)
                .get(PATH + "?unit=" + south)
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("items.size()", equalTo(0))
                .body("nextCursor", nullValue());

        // the whole list (quality team) pages by cursor too: the page after the first holds the next items
        JsonPath everything = page(karin(), "limit=2");
        assertThat(everything.getBoolean("totalExact")).isTrue();
        assertThat(everything.getInt("total")).isGreaterThanOrEqualTo(7);
        JsonPath following = page(karin(), "limit=2&cursor=" + everything.getString("nextCursor"));
        JsonPath firstFour = page(karin(), "limit=4");
        List<String> twoPages = new ArrayList<>(everything.getList("items.id", String.class));
        twoPages.addAll(following.getList("items.id", String.class));
        assertThat(twoPages).containsExactlyElementsOf(firstFour.getList("items.id", String.class));
    }

    @Test
    void aListItemCountsItsRisksAndNamesTheHighestOpenClass() {
        String root = Api.root(Api.unique("Nämnd"));
        String unit = Api.unit(root, "Boende");
        Created a = analysis(unit, today().minusDays(2), "OPEN");
        String path = PATH + "/" + a.id() + "/risks";
        post(karin(), path, body("description", "Fall", "likelihood", 3, "consequence", 3), etagOf(a))
                .then()
                .statusCode(201);
        post(
                        karin(),
                        path,
                        body("description", "Brand", "likelihood", 4, "consequence", 4, "status", "CLOSED"),
                        etagOf(a))
                .then()
                .statusCode(201);
        post(karin(), path, body("description", "Läkemedel", "likelihood", 1, "consequence", 2), etagOf(a))
                .then()
                .statusCode(201);
        given().header("Authorization", karin())
                .get(PATH + "?unit=" + unit)
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(a.id().toString())))
                .body("items[0].risks", equalTo(3))
                .body("items[0].highestClass", equalTo("HIGH"));
        Created none = analysis(unit, today().minusDays(1), "OPEN");
        given().header("Authorization", karin())
                .get(PATH + "?unit=" + unit)
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(none.id().toString(), a.id().toString())))
                .body("items[0].risks", equalTo(0))
                .body("items[0].highestClass", nullValue());
    }

    static String etagOf(Created a) {
        return given().header("Authorization", karin())
                .get(PATH + "/" + a.id())
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    @Test
    void aForeignOrMalformedCursorAPageWithACursorOrBeyondTheWindowAreBadRequests() {
        String cursor = page(karin(), "limit=1").getString("nextCursor");
        assertThat(cursor).isNotNull();
        given().header("Authorization", karin())
                .get(PATH + "?limit=1&page=2&cursor=" + cursor)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"));
        given().header("Authorization", karin())
                .get(PATH + "?cursor=bm90LWEtY3Vyc29y")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        // a cursor of another list (the documents') is not this list's
        String documents = given().header("Authorization", karin())
                .get(Api.DOCS + "?view=IN_FORCE&limit=1")
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");
        assertThat(documents).isNotNull();
        given().header("Authorization", karin())
                .get(PATH + "?cursor=" + documents)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", karin())
                .get(PATH + "?limit=500&page=21")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
        given().header("Authorization", karin())
                .get(PATH + "?limit=500&page=20")
                .then()
                .statusCode(200);
    }

    @Test
    void theOpenApiDocumentNamesTheCursorBesideTheReleasedParameters() {
        JsonPath doc = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(doc.getList("paths.'/registry/v1/risk-analyses'.get.parameters.name", String.class))
                .contains("cursor", "page", "limit", "unit", "subjectKind", "processId", "status", "updatedSince");
        assertThat(doc.getString("paths.'/registry/v1/risk-analyses'.get.description"))
                .contains("nextCursor")
                .contains("totalExact");
    }
}
