package se.kvalitet.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.followup.IndicatorChangedV1;
import se.kvalitet.events.followup.IndicatorEvaluatedV1;
import se.kvalitet.events.followup.MeasurementRecordedV1;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.events.followup.TargetMissedV1;
import se.kvalitet.testing.TestTokens;

/**
 * Named indicators in the kvalitetsberättelse: followup-service's indicator snapshots and
 * evaluations through the inbox (newest revision / sequence wins, whatever the order, redelivery
 * changes nothing) give every output the indicator's name and code, its målvärde and the outcome
 * per unit; a correction evaluated as met again replaces the earlier target.missed.
 */
@QuarkusTest
class IndicatorReportTest {

    static final UUID BOARD = UUID.randomUUID();
    static final UUID UNIT_A = UUID.randomUUID();
    static final UUID UNIT_B = UUID.randomUUID();
    static final UUID NAMED = UUID.randomUUID();
    static final UUID UNNAMED = UUID.randomUUID();
    static final String NAME = "Andel brukare som är nöjda med bemötandet";
    static final Instant AT = Instant.parse("2026-01-15T10:00:00Z");

    static String karin() {
        return TestTokens.user("karin").roles("quality-team").bearer();
    }

    static IndicatorChangedV1 snapshot(long revision, String name, String target) {
        return new IndicatorChangedV1(
                NAMED,
                revision,
                "BRUKARE-NOJDA",
                name,
                "SELF_DETERMINATION_INTEGRITY",
                "Självbestämmande och integritet",
                null,
                "PERCENT",
                "SURVEY",
                "YEARLY",
                1,
                false,
                null,
                null,
                null,
                null,
                null,
                List.of(new IndicatorChangedV1.Target("2024", TargetComparison.AT_LEAST, new BigDecimal(target), null)),
                AT);
    }

    static IndicatorEvaluatedV1 evaluation(
            UUID unit, String period, long sequence, String status, String value, String basis) {
        BigDecimal v = new BigDecimal(value);
        BigDecimal distance = "MET".equals(status) ? BigDecimal.ZERO : v.subtract(new BigDecimal("90"));
        return new IndicatorEvaluatedV1(
                NAMED,
                unit,
                period,
                "T",
                sequence,
                status,
                basis,
                v,
                null,
                null,
                null,
                45L,
                1,
                0,
                TargetComparison.AT_LEAST,
                new BigDecimal("90"),
                null,
                "2024",
                distance,
                Integer.toString(Integer.parseInt(period) - 1),
                null,
                "UNKNOWN",
                null,
                AT);
    }

    @BeforeAll
    static void events() {
        LocalDate start = LocalDate.of(2023, 1, 1);
        Events.unit(BOARD, null, "Omsorgsnämnden Väst", "BOARD", start);
        Events.unit(UNIT_A, BOARD, "Hemtjänst Väst", "UNIT", start);
        Events.unit(UNIT_B, BOARD, "Boende Väst", "UNIT", start);
        // the newer snapshot first: the older one arriving late changes nothing
        Events.send(snapshot(2, NAME, "90"));
        Events.send(snapshot(1, "Gammalt namn", "80"));
        // unit A missed 90 with 84.4 %, the correction (sequence 2) meets it; the board rolls up the same
        Events.send(new TargetMissedV1(
                NAMED,
                UNIT_A,
                "2025",
                "T",
                new BigDecimal("84.4"),
                TargetComparison.AT_LEAST,
                new BigDecimal("90"),
                null,
                new BigDecimal("-5.6"),
                AT));
        EventEnvelope corrected = Events.send(evaluation(UNIT_A, "2025", 2, "MET", "93.3", "MEASURED"));
        Events.send(evaluation(UNIT_A, "2025", 1, "NOT_MET", "84.4", "MEASURED"));
        Events.send(corrected); // redelivered
        Events.send(evaluation(BOARD, "2025", 2, "MET", "93.3", "ROLLED_UP"));
        Events.send(evaluation(BOARD, "2025", 1, "NOT_MET", "84.4", "ROLLED_UP"));
        Events.send(evaluation(BOARD, "2024", 1, "NOT_MET", "80", "ROLLED_UP"));
        Events.send(evaluation(UNIT_B, "2025", 1, "NOT_MET", "70", "MEASURED"));
        // an indicator followup has not named or evaluated: the old handling stays
        Events.send(new MeasurementRecordedV1(
                UUID.randomUUID(), UNNAMED, BOARD, "2025", "T", new BigDecimal("3"), null, null, null, null, 1, AT));
        Events.send(new TargetMissedV1(
                UNNAMED,
                BOARD,
                "2025",
                "T",
                new BigDecimal("3"),
                TargetComparison.AT_LEAST,
                new BigDecimal("5"),
                null,
                new BigDecimal("-2"),
                AT));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("SELECT count(*) FROM followup_evaluation WHERE indicator_id = '" + NAMED
                                        + "' AND sequence = CASE WHEN period = '2025' AND org_unit_id <> '" + UNIT_B
                                        + "' THEN 2 ELSE 1 END")
                                == 4
                        && Db.count("SELECT count(*) FROM followup_indicator WHERE indicator_id = '" + NAMED
                                        + "' AND revision = 2")
                                == 1
                        && Db.count("SELECT count(*) FROM followup_target_missed WHERE indicator_id IN ('" + NAMED
                                        + "', '" + UNNAMED + "')")
                                == 2
                        && Db.count("SELECT count(*) FROM followup_measurement WHERE indicator_id = '" + UNNAMED + "'")
                                == 1
                        && Db.count("SELECT count(DISTINCT org_unit_id) FROM orgcopy_version WHERE org_unit_id IN ('"
                                        + UNIT_B + "', '" + BOARD + "')")
                                == 2);
    }

    @Test
    void theKvalitetsberattelseNamesTheIndicatorItsMalvardeAndTheOutcomePerUnit() throws Exception {
        assertThat(Db.value("SELECT name FROM followup_indicator WHERE indicator_id = '" + NAMED + "'"))
                .isEqualTo(NAME);
        assertThat(Db.value(
                        "SELECT string_agg(valid_from_period || ':' || target_value, ',') FROM followup_indicator_target "
                                + "WHERE indicator_id = '" + NAMED + "'"))
                .isEqualTo("2024:90");
        String id = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"KVALITETSBERATTELSE\",\"year\":2025,\"orgUnitId\":\"" + BOARD + "\"}")
                .when()
                .post("/report/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String version = given().header("Authorization", karin())
                .header("If-Match", "*")
                .header("Prefer", "wait=50")
                .when()
                .post("/report/v1/reports/" + id + "/versions")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");

        JsonPath c = given().header("Authorization", karin())
                .when()
                .get(version + "/content")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String chapter = "chapters.find { it.key == 'egenkontroll' }";
        assertThat(c.getList(chapter + ".tables.find { it.key == 'nyckeltal' }.columns"))
                .containsExactly(
                        "Nyckeltal",
                        "Kod",
                        "2022",
                        "2023",
                        "2024",
                        "2025",
                        "Förändring mot 2024",
                        "Målvärde 2025",
                        "Utfall 2025");
        List<List<Object>> rows = c.getList(chapter + ".tables.find { it.key == 'nyckeltal' }.rows.cells");
        // named first (by code): the corrected outcome is met, although a target.missed was published for unit A
        assertThat(rows.get(0))
                .containsExactly(NAME, "BRUKARE-NOJDA", "..", "..", 80, 93.3f, 13.3f, "≥ 90 %", "Uppnått");
        assertThat(rows.get(1))
                .containsExactly(
                        "Nyckeltal " + UNNAMED.toString().substring(0, 8),
                        "..",
                        "..",
                        "..",
                        "..",
                        3,
                        "..",
                        "..",
                        "Ej uppnått");
        List<List<Object>> units = c.getList(chapter + ".tables.find { it.key == 'nyckeltal-enheter' }.rows.cells");
        assertThat(units)
                .containsExactly(
                        List.of(NAME, "Omsorgsnämnden Väst", "2025", 93.3f, "≥ 90 %", "Uppnått"),
                        List.of(NAME, "Boende Väst", "2025", 70, "≥ 90 %", "Ej uppnått"),
                        List.of(NAME, "Hemtjänst Väst", "2025", 93.3f, "≥ 90 %", "Uppnått"));
        List<Map<String, String>> facts = c.getList(chapter + ".facts");
        assertThat(facts)
                .contains(
                        Map.of("label", "Nyckeltal som nådde målvärdet", "value", "1"),
                        Map.of("label", "Nyckeltal som inte nådde målvärdet", "value", "1"));
        assertThat(c.getString(chapter + ".charts.find { it.key == 'nyckeltal-percent' }.series[0].name"))
                .isEqualTo("BRUKARE-NOJDA");
        assertThat(c.getString(chapter + ".charts.find { it.key == 'nyckeltal-percent' }.unit"))
                .isEqualTo("PERCENT");

        String html = given().header("Authorization", karin())
                .when()
                .get(version + "/html")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(html)
                .contains(NAME, "BRUKARE-NOJDA", "≥ 90 %", "Uppnått", "Hemtjänst Väst")
                .doesNotContain("Gammalt namn");
        byte[] pdf = given().header("Authorization", karin())
                .when()
                .get(version + "/pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        PdfA.assertValid(pdf);
        // the rows as the tagged tables hold them (a cell's text wraps at will on the page)
        List<List<String>> pdfRows = new ArrayList<>();
        new PdfTagged(pdf)
                .tables.forEach(t -> t.rows()
                        .forEach(r -> pdfRows.add(r.stream()
                                .map(cell -> PdfTagged.squeeze(cell.text()))
                                .toList())));
        assertThat(pdfRows)
                .contains(
                        List.of(
                                PdfTagged.squeeze(NAME),
                                "BRUKARE-NOJDA",
                                "..",
                                "..",
                                "80",
                                "93,3",
                                "13,3",
                                "≥90%",
                                "Uppnått"),
                        List.of(PdfTagged.squeeze(NAME), "BoendeVäst", "2025", "70", "≥90%", "Ejuppnått"));
        byte[] xlsx = given().header("Authorization", karin())
                .when()
                .get(version + "/xlsx")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        List<String> cells = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            DataFormatter f = new DataFormatter();
            wb.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> cells.add(f.formatCellValue(cell)))));
        }
        assertThat(cells).contains(NAME, "BRUKARE-NOJDA", "≥ 90 %", "Uppnått", "Ej uppnått", "Boende Väst");
    }

    @Test
    void theRebuildReplaysTheIndicatorTablesToTheSameContent() {
        String before = DeviationStatisticsTest.checksum();
        String admin = TestTokens.user("admin").roles("admin").bearer();
        String location = given().header("Authorization", admin)
                .contentType(ContentType.JSON)
                .body("{\"confirm\":true}")
                .when()
                .post("/report/v1/admin/read-model-rebuilds")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().header("Authorization", admin)
                        .when()
                        .get(location)
                        .then()
                        .statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo("DONE")));
        assertThat(DeviationStatisticsTest.checksum()).isEqualTo(before);
        assertThat(Db.value("SELECT name FROM followup_indicator WHERE indicator_id = '" + NAMED + "'"))
                .isEqualTo(NAME);
        assertThat(Db.value("SELECT status || sequence FROM followup_evaluation WHERE indicator_id = '" + NAMED
                        + "' AND org_unit_id = '" + UNIT_A + "' AND period = '2025'"))
                .isEqualTo("MET2");
    }
}
