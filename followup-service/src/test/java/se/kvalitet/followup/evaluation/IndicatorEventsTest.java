package se.kvalitet.followup.evaluation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.followup.Fixtures.karin;
import static se.kvalitet.followup.Fixtures.measure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.Topics;
import se.kvalitet.events.followup.IndicatorChangedV1;
import se.kvalitet.events.followup.IndicatorEvaluatedV1;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TopicReader;

/**
 * The indicator events on the real topic: a snapshot for every change of an indicator (with its
 * name, criterion and målvärden), and an evaluation for every cell a measurement, a correction or
 * a new målvärde changes, at the measured unit and the units it rolls up into, each validated
 * against its schema.
 */
@QuarkusTest
class IndicatorEventsTest {

    static Fixtures.Org org;

    @BeforeAll
    static void organisation() {
        org = Fixtures.org();
    }

    static String indicatorBody(String code, String targets) {
        return """
                {"code":"%s","name":"Testindikator %s","criterionCode":"SAFETY","unitOfMeasure":"PERCENT","method":"SURVEY",
                 "frequency":"YEARLY","decimals":1,"genderSplit":false,"targets":%s}""".formatted(code, code, targets);
    }

    @Test
    void aMeasurementItsCorrectionAndANewMalvardeAreEvaluatedAtTheUnitAndTheUnitsAbove() {
        String code = Fixtures.code("EV");
        String ind = Fixtures.indicator(
                code,
                "PERCENT",
                "YEARLY",
                false,
                "[{\"validFromPeriod\":\"2024\",\"comparator\":\"AT_LEAST\",\"value\":90}]",
                null);
        // 38/45 = 84.4 % misses 90; the correction 42/45 = 93.3 % meets it again
        Response created = measure(ind, org.a1(), "2025", "T", "\"numerator\":38,\"denominator\":45,\"responses\":45");
        created.then().statusCode(201);
        given().header("Authorization", karin())
                .header("If-Match", created.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"numerator\":42,\"denominator\":45,\"responses\":45}")
                .put("/followup/v1/measurements/" + created.path("id"))
                .then()
                .statusCode(200);
        // the målvärde is raised to 95 from 2025: 93.3 misses it again
        String etag = given().header("Authorization", karin())
                .get("/followup/v1/indicators/" + ind)
                .header("ETag");
        given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(indicatorBody(code, """
                        [{"validFromPeriod":"2024","comparator":"AT_LEAST","value":90},
                         {"validFromPeriod":"2025","comparator":"AT_LEAST","value":95}]"""))
                .put("/followup/v1/indicators/" + ind)
                .then()
                .statusCode(200);

        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<IndicatorChangedV1> changed =
                    topic.await(Fixtures.eventOf(ind, IndicatorChangedV1.TYPE), 2, Duration.ofSeconds(20)).stream()
                            .map(EventContract::assertValid)
                            .map(e -> EventCodec.data(e, IndicatorChangedV1.class))
                            .toList();
            assertThat(changed).extracting(IndicatorChangedV1::revision).containsExactly(1L, 2L);
            assertThat(changed.get(0).name()).isEqualTo("Testindikator " + code);
            assertThat(changed.get(0).code()).isEqualTo(code);
            assertThat(changed.get(0).criterionCode()).isEqualTo("SAFETY");
            assertThat(changed.get(0).criterionName()).isNotBlank().isNotEqualTo("SAFETY");
            assertThat(changed.get(0).targets()).hasSize(1);
            assertThat(changed.get(1).targets())
                    .extracting(IndicatorChangedV1.Target::validFromPeriod)
                    .containsExactly("2024", "2025");
            assertThat(changed.get(1).targets().get(1).value()).isEqualByComparingTo("95");

            List<IndicatorEvaluatedV1> evaluated =
                    topic.await(Fixtures.eventOf(ind, IndicatorEvaluatedV1.TYPE), 9, Duration.ofSeconds(20)).stream()
                            .map(EventContract::assertValid)
                            .map(e -> EventCodec.data(e, IndicatorEvaluatedV1.class))
                            .toList();
            assertThat(evaluated).hasSize(9);
            for (UUID unit : List.of(org.a1(), org.deptA(), org.board())) {
                List<IndicatorEvaluatedV1> cell = evaluated.stream()
                        .filter(e -> e.orgUnitId().equals(unit))
                        .toList();
                assertThat(cell)
                        .as("unit %s", unit)
                        .extracting(IndicatorEvaluatedV1::sequence)
                        .containsExactly(1L, 2L, 3L);
                assertThat(cell).extracting(IndicatorEvaluatedV1::status).containsExactly("NOT_MET", "MET", "NOT_MET");
                assertThat(cell).extracting(IndicatorEvaluatedV1::period).containsOnly("2025");
                assertThat(cell).extracting(IndicatorEvaluatedV1::gender).containsOnly("T");
                assertThat(cell.get(0).value()).isEqualByComparingTo("84.4");
                assertThat(cell.get(1).value()).isEqualByComparingTo("93.3");
                assertThat(cell.get(1).distance()).isEqualByComparingTo("0");
                assertThat(cell.get(1).targetValue()).isEqualByComparingTo("90");
                assertThat(cell.get(2).targetValue()).isEqualByComparingTo("95");
                assertThat(cell.get(2).targetValidFrom()).isEqualTo("2025");
                assertThat(cell.get(0).basis()).isEqualTo(unit.equals(org.a1()) ? "MEASURED" : "ROLLED_UP");
            }
            // the sibling unit and the next year have nothing measured: nothing is published for them
            assertThat(evaluated)
                    .noneMatch(e -> e.orgUnitId().equals(org.a2()) || e.period().equals("2026"));
        }
        assertThat(Fixtures.count(
                        "SELECT max(sequence) FROM indicator_evaluation_state WHERE indicator_id = ?",
                        UUID.fromString(ind)))
                .isEqualTo(3);
    }

    @Test
    void womenAndMenMakeTheTotalAndAnUnchangedOutcomeIsNotPublishedAgain() {
        String ind = Fixtures.indicator(
                Fixtures.code("EG"),
                "PERCENT",
                "YEARLY",
                true,
                "[{\"validFromPeriod\":\"2024\",\"comparator\":\"AT_LEAST\",\"value\":80}]",
                null);
        measure(ind, org.b1(), "2025", "K", "\"numerator\":9,\"denominator\":10,\"responses\":10")
                .then()
                .statusCode(201);
        measure(ind, org.b1(), "2025", "M", "\"numerator\":7,\"denominator\":10,\"responses\":10")
                .then()
                .statusCode(201);
        // a trend: the next year at the same unit compares with 2025
        measure(ind, org.b1(), "2026", "T", "\"numerator\":17,\"denominator\":20,\"responses\":20")
                .then()
                .statusCode(201);
        try (TopicReader topic = TopicReader.open(Topics.FOLLOWUP)) {
            List<IndicatorEvaluatedV1> atUnit =
                    topic.await(Fixtures.eventOf(ind, IndicatorEvaluatedV1.TYPE), 12, Duration.ofSeconds(20)).stream()
                            .map(EventContract::assertValid)
                            .map(e -> EventCodec.data(e, IndicatorEvaluatedV1.class))
                            .filter(e -> e.orgUnitId().equals(org.b1()))
                            .toList();
            // K, M, then T = (9+7)/(10+10) = 80 % (met), and 2026 at 85 % improved on it
            assertThat(atUnit)
                    .extracting(e -> e.period() + e.gender() + e.sequence() + e.status())
                    .containsExactly("2025K1MET", "2025M1NOT_MET", "2025T1MET", "2026T1MET");
            assertThat(atUnit.get(2).value()).isEqualByComparingTo("80");
            assertThat(atUnit.get(3).previousValue()).isEqualByComparingTo("80");
            assertThat(atUnit.get(3).trend()).isEqualTo("IMPROVED");
        }
    }
}
