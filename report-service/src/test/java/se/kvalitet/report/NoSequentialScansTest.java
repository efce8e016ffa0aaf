package se.kvalitet.report;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.testing.SequentialScans;
import se.kvalitet.testing.TestTokens;

/**
 * Issue 20 item 2: applying a batch of deviation events (reported, triaged, notified, track closed, a
 * redelivery) and serving the statistics and counts read every table that grows with history through an
 * index or a bounded range, never by a sequential scan ({@link SequentialScans}).
 */
@QuarkusTest
class NoSequentialScansTest {

    /** Tables that do not grow with reports (Flyway's, the organisation copy, the relay's lease). */
    static final Set<String> BOUNDED = SequentialScans.SHARED_BOUNDED;

    static final UUID BOARD = UUID.randomUUID();
    static final UUID DEPT = UUID.randomUUID();
    static final UUID UNIT = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void applyingEventsAndServingStatisticsReadNoGrowingTableByASequentialScan() throws Exception {
        LocalDate start = LocalDate.of(2024, 1, 1);
        Events.unit(BOARD, null, "Socialnämnden skanning", "BOARD", start);
        Events.unit(DEPT, BOARD, "Äldreomsorg skanning", "DEPARTMENT", start);
        Events.unit(UNIT, DEPT, "Hemtjänst skanning", "UNIT", start);
        Events.unit(OTHER, DEPT, "Särskilt boende skanning", "UNIT", start);
        String quality = TestTokens.user("karin").roles("quality-team").bearer();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().header("Authorization", quality)
                                .queryParam("orgUnit", BOARD.toString())
                                .queryParam("year", "2025")
                                .get("/report/v1/deviation-statistics")
                                .statusCode()
                        == 200);

        SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));
        for (int i = 0; i < 12; i++) {
            LocalDate on = LocalDate.of(2025, 1 + i, 10);
            UUID unit = i % 2 == 0 ? UNIT : OTHER;
            UUID report = Events.deviation(
                    unit,
                    i % 3 == 0 ? List.of(OTHER) : List.of(),
                    on,
                    i % 4 == 0 ? DeviationCategory.LEX_SARAH : DeviationCategory.OTHER_DEVIATION);
            if (i % 4 == 0) {
                Events.closedTrack(
                        report,
                        unit,
                        DeviationCategory.LEX_SARAH,
                        Assessment.MISSFORHALLANDE,
                        true,
                        true,
                        i % 8 == 0,
                        on);
            }
        }
        Events.deviation(UNIT, List.of(), LocalDate.of(2025, 12, 1), DeviationCategory.PERSONAL_DATA_BREACH);
        await().atMost(Duration.ofSeconds(30)).until(() -> total(quality) >= 13);

        for (Map<String, String> query : List.of(
                Map.of("orgUnit", BOARD.toString(), "year", "2025"),
                Map.of("orgUnit", DEPT.toString(), "year", "2025"),
                Map.of("orgUnit", UNIT.toString(), "from", "2025-03-01", "to", "2025-06-30"))) {
            given().header("Authorization", quality)
                    .queryParams(query)
                    .get("/report/v1/deviation-statistics")
                    .then()
                    .statusCode(200);
        }
        given().header("Authorization", quality)
                .queryParam("from", "2025-01-01")
                .queryParam("to", "2025-12-31")
                .get("/report/v1/deviation-counts")
                .then()
                .statusCode(200);

        scans.end(BOUNDED).assertNone();
    }

    static long total(String quality) {
        Object total = given().header("Authorization", quality)
                .queryParam("orgUnit", BOARD.toString())
                .queryParam("year", "2025")
                .get("/report/v1/deviation-statistics")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .get("rows.find { it.orgUnitId == '" + BOARD + "' }.total");
        return total == null ? 0 : ((Number) total).longValue();
    }
}
