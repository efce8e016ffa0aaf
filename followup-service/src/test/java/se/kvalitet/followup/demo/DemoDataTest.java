package se.kvalitet.followup.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;

/** The demo data (on in the test profile): Nacka's målvärden with measurements, Ovanåker-style initiatives, egenkontroll, internal control. */
@QuarkusTest
class DemoDataTest {

    static final String BOARD = "00000000-0000-4000-8000-000000000001";
    static final String ELDERLY = "00000000-0000-4000-8000-000000000010";

    @Test
    void theDemoIndicatorsArePublishedWithTheirNamesAndEvaluations() {
        String id = given().header("Authorization", Fixtures.anna())
                .queryParam("limit", 500)
                .get("/followup/v1/indicators")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("items.find { it.code == 'MEDARBETARINDEX' }.id");
        String year = Integer.toString(LocalDate.now().getYear() - 1);
        try (se.kvalitet.testing.TopicReader topic =
                se.kvalitet.testing.TopicReader.open(se.kvalitet.events.Topics.FOLLOWUP)) {
            var changed = topic.await(
                    Fixtures.eventOf(id, se.kvalitet.events.followup.IndicatorChangedV1.TYPE),
                    1,
                    java.time.Duration.ofSeconds(30));
            assertThat(changed).isNotEmpty();
            var snapshot = se.kvalitet.events.EventCodec.data(
                    se.kvalitet.testing.EventContract.assertValid(changed.get(0)),
                    se.kvalitet.events.followup.IndicatorChangedV1.class);
            assertThat(snapshot.code()).isEqualTo("MEDARBETARINDEX");
            assertThat(snapshot.name()).isNotBlank();
            assertThat(snapshot.targets()).isNotEmpty();
            java.util.function.Function<
                            org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>,
                            se.kvalitet.events.followup.IndicatorEvaluatedV1>
                    decode = r -> se.kvalitet.events.EventCodec.data(
                    se.kvalitet.testing.EventContract.assertValid(r),
                    se.kvalitet.events.followup.IndicatorEvaluatedV1.class);
            var atBoard = topic
                    .await(
                            Fixtures.eventOf(id, se.kvalitet.events.followup.IndicatorEvaluatedV1.TYPE)
                                    .and(r -> {
                                        var e = decode.apply(r);
                                        return e.orgUnitId().toString().equals(BOARD)
                                                && e.period().equals(year)
                                                && e.gender().equals("T");
                                    }),
                            1,
                            java.time.Duration.ofSeconds(30))
                    .stream()
                    .map(decode)
                    .toList();
            assertThat(atBoard).isNotEmpty();
            assertThat(atBoard.get(atBoard.size() - 1).basis()).isEqualTo("ROLLED_UP");
            assertThat(atBoard.get(atBoard.size() - 1).status()).isIn("MET", "NOT_MET");
        }
    }

    @Test
    void nackasIndicatorsHaveMeasurementsThatRollUpToTheBoard() {
        given().header("Authorization", Fixtures.anna())
                .queryParam("limit", 500)
                .get("/followup/v1/indicators")
                .then()
                .statusCode(200)
                .body(
                        "items.code",
                        hasItems(
                                "BRUKARE-PAVERKA",
                                "UTREDNING-DAGAR",
                                "SAMORDNAD-PLAN",
                                "MYN-DELAKTIGHET",
                                "OVERKLAGANDEN-EMOT",
                                "UPPFOLJNINGSMETODER",
                                "MEDARBETARINDEX",
                                "AVV-ANTAL",
                                "ATGARDER-I-TID"));
        String year = Integer.toString(LocalDate.now().getYear() - 1);
        JsonPath page = given().header("Authorization", Fixtures.viewer())
                .queryParam("period", year)
                .queryParam("orgUnitId", BOARD)
                .queryParam("limit", 500)
                .get("/followup/v1/evaluations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> index = page.getMap("items.find { it.indicatorCode == 'MEDARBETARINDEX' }");
        assertThat(index.get("basis")).isEqualTo("ROLLED_UP");
        assertThat(index.get("contributingUnits")).isEqualTo(6);
        assertThat(index.get("status")).isIn("MET", "NOT_MET");
        Map<String, Object> plans = page.getMap("items.find { it.indicatorCode == 'GENOMFORANDEPLANER' }");
        assertThat(plans.get("numerator")).isNotNull();
        given().header("Authorization", Fixtures.viewer())
                .queryParam("orgUnitId", ELDERLY)
                .queryParam("subtree", true)
                .get("/followup/v1/quality-initiatives")
                .then()
                .statusCode(200)
                .body("total", greaterThan(1));
        given().header("Authorization", Fixtures.anna())
                .queryParam("state", "EXECUTED")
                .get("/followup/v1/egenkontroll-occurrences")
                .then()
                .statusCode(200)
                .body("total", greaterThan(1));
        given().header("Authorization", Fixtures.viewer())
                .queryParam("year", LocalDate.now().getYear())
                .queryParam("orgUnitId", BOARD)
                .get("/followup/v1/internal-control-plans")
                .then()
                .statusCode(200)
                .body("items[0].items.size()", greaterThan(3));
    }
}
