package se.kvalitet.deviation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.investigation.InvestigationTest;
import se.kvalitet.testing.SequentialScans;
import se.kvalitet.testing.TestTokens;

/**
 * Issue 20 item 2: the hot paths of deviation-service (intake by a person and by a case-management system
 * with its idempotent replay, triage, the lists and their filters, a report, its track, an investigation
 * entry, the case system's own reports) read every table through an index or a bounded range: none of the
 * tables that grow with history is scanned sequentially ({@link SequentialScans}). The only tables allowed
 * a sequential scan are the small ones that do not grow with reports.
 */
@QuarkusTest
class NoSequentialScansTest {

    static final String PATH = InvestigationTest.PATH;
    static final UUID HEMTJANST = InvestigationTest.HEMTJANST;

    /** Tables that do not grow with reports: the shared ones and the copy of the registry's routines. */
    static final Set<String> BOUNDED = Stream.concat(SequentialScans.SHARED_BOUNDED.stream(), Stream.of("routine_copy"))
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    AgroalDataSource dataSource;

    final String reporter = TestTokens.user("rep-" + UUID.randomUUID())
            .roles("reporter")
            .orgUnits(HEMTJANST)
            .bearer();
    final String karin = TestTokens.user("karin").roles("quality-team").bearer();
    final String caseSystem =
            TestTokens.client("case-system").roles("case-system").bearer();

    @Test
    void theHotPathsReadNoGrowingTableByASequentialScan() throws Exception {
        SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));

        String key = UUID.randomUUID().toString();
        String reference = "AV-" + UUID.randomUUID();
        String fromCaseSystem = caseSystemIntake(key, reference);
        assertThat(caseSystemIntake(key, reference)).isEqualTo(fromCaseSystem); // the replay: same report
        caseSystemIntake(UUID.randomUUID().toString(), "AV-" + UUID.randomUUID());
        String byPerson = given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Larm besvarades sent","description":"Larmet gick 22.10, besök 22.55.",
                         "occurredAt":"%s","orgUnitId":"%s"}""".formatted(Instant.now(), HEMTJANST))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        InvestigationTest.post(
                        karin,
                        PATH + "/" + byPerson + "/triage",
                        InvestigationTest.etag(karin, PATH + "/" + byPerson),
                        "{\"categories\":[\"LEX_SARAH\"]}")
                .then()
                .statusCode(200);
        InvestigationTest.post(
                        karin,
                        PATH + "/" + fromCaseSystem + "/triage",
                        InvestigationTest.etag(karin, PATH + "/" + fromCaseSystem),
                        "{\"categories\":[\"OTHER_DEVIATION\"]}")
                .then()
                .statusCode(200);
        String track = InvestigationTest.trackId(karin, byPerson);
        String trackPath = InvestigationTest.trackPath(byPerson, track);
        given().header("Authorization", karin).get(trackPath).then().statusCode(200);
        InvestigationTest.entry(karin, trackPath, "WHAT_HAPPENED_AND_CONSEQUENCES", "FACT", "Larmet gick 22.10.")
                .then()
                .statusCode(201);

        for (String query : new String[] {
            "?limit=50",
            "?status=IN_PROGRESS&limit=20",
            "?channel=CASE_SYSTEM",
            "?category=LEX_SARAH",
            "?orgUnit=" + HEMTJANST,
            "?occurredFrom=2026-01-01&occurredTo=2026-12-31",
            "?reportedFrom=2026-01-01",
            "?source=treserva",
            "?updatedSince=2026-01-01T00:00:00Z",
            "?overdue=true",
            "?limit=5&page=2"
        }) {
            given().header("Authorization", karin).get(PATH + query).then().statusCode(200);
        }
        // the next keyset page, in both orders
        for (String query : new String[] {"?limit=1", "?limit=1&updatedSince=2026-01-01T00:00:00Z"}) {
            String next = given().header("Authorization", karin)
                    .get(PATH + query)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("nextCursor");
            given().header("Authorization", karin)
                    .get(PATH + query + "&cursor=" + next)
                    .then()
                    .statusCode(200);
        }
        for (int i = 0; i < 2; i++) {
            InvestigationTest.post(
                            karin,
                            PATH + "/" + byPerson + "/actions",
                            null,
                            "{\"title\":\"Larmrutinen ses över\",\"owner\":\"karin\",\"dueDate\":\""
                                    + java.time.LocalDate.now(java.time.ZoneId.of("Europe/Stockholm"))
                                            .plusDays(i) + "\"}")
                    .then()
                    .statusCode(201);
        }
        // the other lists that grow with history (issue 20): actions and the access log, their filters and next pages
        for (String list : new String[] {
            "/deviation/v1/actions?limit=1",
            "/deviation/v1/actions?limit=1&updatedSince=2026-01-01T00:00:00Z",
            "/deviation/v1/access-log?limit=1",
            "/deviation/v1/access-log?limit=1&deviationId=" + byPerson,
            "/deviation/v1/access-log?limit=1&subject=" + UUID.randomUUID(),
            "/deviation/v1/access-log?limit=1&username=karin",
            "/deviation/v1/access-log?limit=1&granted=false",
            "/deviation/v1/access-log?limit=1&from=2026-01-01T00:00:00Z"
        }) {
            String next = given().header("Authorization", karin)
                    .get(list)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("nextCursor");
            if (next != null) {
                given().header("Authorization", karin)
                        .get(list + "&cursor=" + next)
                        .then()
                        .statusCode(200);
            }
        }
        given().header("Authorization", karin)
                .get("/deviation/v1/actions?overdue=true&asOf=2026-06-01T00:00:00Z")
                .then()
                .statusCode(200);
        given().header("Authorization", karin)
                .get(PATH + "?overdue=true&asOf=2026-06-01T00:00:00Z")
                .then()
                .statusCode(200);
        // the deadlines running (and overdue) at a past instant: V91's index of clocks by when they stopped
        for (String deadlines : new String[] {
            "/deviation/v1/deadlines?asOf=2026-06-01T00:00:00Z",
            "/deviation/v1/deadlines?state=overdue&asOf=2026-06-01T00:00:00Z",
            "/deviation/v1/deadlines?state=overdue&kind=TRIAGE&asOf=2026-06-01T00:00:00Z"
        }) {
            given().header("Authorization", karin).get(deadlines).then().statusCode(200);
        }
        given().header("Authorization", karin).get(PATH + "/" + byPerson).then().statusCode(200);
        given().header("Authorization", caseSystem)
                .get(PATH + "/" + fromCaseSystem)
                .then()
                .statusCode(200);
        given().header("Authorization", caseSystem)
                .get(PATH + "?limit=50")
                .then()
                .statusCode(200);
        given().header("Authorization", reporter)
                .get("/deviation/v1/my-deviations?limit=50")
                .then()
                .statusCode(200);
        // the lists as the roles that see reports for more than one reason (a union of index lookups each)
        for (String caseWorker : new String[] {
            TestTokens.user("um-" + UUID.randomUUID())
                    .roles("unit-manager")
                    .orgUnits(HEMTJANST)
                    .bearer(),
            TestTokens.user("inv-" + UUID.randomUUID()).roles("investigator").bearer(),
            TestTokens.user("mas-" + UUID.randomUUID())
                    .roles("medically-responsible")
                    .bearer(),
            reporter
        }) {
            for (String path : new String[] {
                PATH + "?limit=50",
                PATH + "?category=LEX_SARAH",
                PATH + "?orgUnit=" + HEMTJANST,
                "/deviation/v1/actions",
                "/deviation/v1/deadlines"
            }) {
                given().header("Authorization", caseWorker).get(path).then().statusCode(anyOf(is(200), is(403)));
            }
        }

        scans.end(BOUNDED).assertNone();
    }

    String caseSystemIntake(String key, String externalId) {
        return given().header("Authorization", caseSystem)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body("""
                        {"summary":"Fel dos given","description":"Kvällsdosen gavs två gånger.",
                         "occurredAt":"2026-11-20T18:30:00Z","orgUnitId":"%s",
                         "externalReference":{"source":"treserva","id":"%s"}}""".formatted(HEMTJANST, externalId))
                .post(PATH)
                .then()
                .statusCode(anyOf(is(201), is(200)))
                .extract()
                .path("id");
    }
}
