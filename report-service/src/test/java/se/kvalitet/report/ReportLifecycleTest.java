package se.kvalitet.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.followup.EgenkontrollExecutedV1;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.events.followup.MeasurementRecordedV1;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.events.followup.TargetMissedV1;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.ProcessCategory;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.RiskAssessedV1;
import se.kvalitet.events.registry.RiskMatrixClass;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;
import se.kvalitet.events.report.ReportApprovedV1;
import se.kvalitet.events.report.ReportGeneratedV1;
import se.kvalitet.report.signing.PadesSignatures;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.RegistryStub;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * A kvalitetsberättelse from create to approval: editorial text with its rules, asynchronous and
 * idempotent generation, the four outputs (JSON whose SHA-256 is the content hash, HTML, PDF/A-2,
 * XLSX), approval freezing the version for ever, events, reader access, regeneration, the
 * patientsäkerhetsberättelse, and a scan of every output for personal data.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportLifecycleTest {

    static final String REPORTS = "/report/v1/reports";
    static final UUID BOARD = UUID.randomUUID();
    static final UUID DEPT = UUID.randomUUID();
    static final UUID HOME = UUID.randomUUID();
    static final UUID NURSING = UUID.randomUUID();
    static final UUID INDICATOR = UUID.randomUUID();
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}");
    /** The approver: her name and subject must appear in no output. */
    static final TestTokens KARIN = TestTokens.user("karin.karlsson").roles("quality-team");

    static String reportId;
    static String versionUrl;
    static String contentHash;
    static byte[] approvedPdf;

    @BeforeAll
    static void events() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        Events.unit(BOARD, null, "Vård- och omsorgsnämnden", "BOARD", start);
        Events.unit(DEPT, BOARD, "Äldreomsorg", "DEPARTMENT", start);
        Events.unit(HOME, DEPT, "Hemtjänst Söder", "UNIT", start);
        Events.unit(NURSING, DEPT, "Ekbackens särskilda boende", "UNIT", start);
        UUID maria = Events.deviation(NURSING, List.of(), LocalDate.of(2025, 3, 3), DeviationCategory.LEX_MARIA);
        Events.closedTrack(
                maria,
                NURSING,
                DeviationCategory.LEX_MARIA,
                Assessment.ALLVARLIG_VARDSKADA,
                true,
                true,
                true,
                LocalDate.of(2025, 3, 3));
        Events.deviation(HOME, List.of(), LocalDate.of(2025, 6, 12), DeviationCategory.OTHER_DEVIATION);
        Events.deviation(HOME, List.of(), LocalDate.of(2025, 11, 2), DeviationCategory.COMPLAINT);
        UUID plan = UUID.randomUUID();
        Events.send(new EgenkontrollExecutedV1(
                plan, UUID.randomUUID(), HOME, LocalDate.of(2025, 4, 1), "APPROVED", 20, 1, 1));
        Events.send(new EgenkontrollOverdueV1(plan, UUID.randomUUID(), NURSING, LocalDate.of(2025, 10, 1)));
        for (int y = 2023; y <= 2025; y++) {
            Events.send(new MeasurementRecordedV1(
                    UUID.randomUUID(),
                    INDICATOR,
                    BOARD,
                    Integer.toString(y),
                    "T",
                    BigDecimal.valueOf(70 + y - 2023),
                    null,
                    null,
                    50,
                    null,
                    1,
                    Instant.now()));
        }
        Events.send(new TargetMissedV1(
                INDICATOR,
                BOARD,
                "2025",
                "T",
                BigDecimal.valueOf(72),
                TargetComparison.AT_LEAST,
                BigDecimal.valueOf(80),
                null,
                BigDecimal.valueOf(-8),
                Instant.now()));
        Events.send(new RiskAssessedV1(
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                RiskSubjectKind.PROCESS,
                UUID.randomUUID(),
                null,
                DEPT,
                3,
                4,
                12,
                RiskMatrixClass.HIGH,
                null,
                RiskStatus.OPEN,
                List.of(),
                LocalDate.of(2025, 5, 5),
                Instant.now()));
        for (DocumentType type : List.of(DocumentType.PROCESS, DocumentType.ROUTINE)) {
            Events.send(new DocumentApprovedV1(
                    UUID.randomUUID(),
                    type,
                    1,
                    UUID.randomUUID(),
                    type == DocumentType.PROCESS ? ProcessCategory.CORE : null,
                    null,
                    null,
                    null,
                    List.of(),
                    DEPT,
                    List.of(DEPT),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    DecisionBody.DEPARTMENT_HEAD,
                    LocalDate.of(2025, 2, 1),
                    LocalDate.of(2025, 2, 1),
                    ReviewInterval.YEARLY,
                    null,
                    LocalDate.of(2026, 2, 1),
                    null,
                    Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("SELECT count(*) FROM deviation_fact WHERE org_unit_id IN ('" + HOME + "', '"
                                        + NURSING + "')")
                                == 3
                        && Db.count("SELECT count(*) FROM registry_document WHERE org_unit_id = '" + DEPT + "'") == 2
                        && Db.count("SELECT count(*) FROM followup_measurement WHERE indicator_id = '" + INDICATOR
                                        + "'")
                                == 3
                        && Db.count("SELECT count(*) FROM followup_target_missed WHERE indicator_id = '" + INDICATOR
                                        + "'")
                                == 1
                        && Db.count("SELECT count(*) FROM followup_egenkontroll WHERE plan_id = '" + plan + "'") == 2
                        && Db.count("SELECT count(*) FROM registry_risk WHERE org_unit_id = '" + DEPT + "'") == 1
                        && Db.count("SELECT count(*) FROM deviation_fact WHERE org_unit_id = '" + NURSING
                                        + "' AND flags & 32 <> 0")
                                == 1
                        && Db.count("SELECT count(DISTINCT org_unit_id) FROM orgcopy_version WHERE org_unit_id IN ('"
                                        + NURSING + "', '" + BOARD + "')")
                                == 2);
    }

    static String karin() {
        return KARIN.bearer();
    }

    static String viewer() {
        return TestTokens.user("bo").roles("viewer").bearer();
    }

    static String create(String kind) {
        return "{\"kind\":\"" + kind + "\",\"year\":2025,\"orgUnitId\":\"" + BOARD + "\"}";
    }

    @Test
    @Order(1)
    void createValidatesAndRefusesDuplicates() {
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(REPORTS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"ANNUAL\",\"year\":2025,\"orgUnitId\":\"" + BOARD + "\"}")
                .when()
                .post(REPORTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"KVALITETSBERATTELSE\",\"year\":1999,\"orgUnitId\":\"" + BOARD + "\"}")
                .when()
                .post(REPORTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("year"));
        // the organisation it covers is one the registry published
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"KVALITETSBERATTELSE\",\"year\":2025,\"orgUnitId\":\"" + UUID.randomUUID() + "\"}")
                .when()
                .post(REPORTS)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors[0].field", equalTo("orgUnitId"));
        // ... or one it created a moment ago, before its event arrived: asked of the registry at once (issue 16 item 5)
        UUID fresh = UUID.randomUUID();
        RegistryStub.answer("/registry/v1/org-units/" + fresh + "/history", 200, """
                [{"id":"%s","name":"Nya nämnden","type":"BOARD","parentId":null,"active":true,"validFrom":"2025-01-01",
                  "change":"CREATED","relatedOrgUnitIds":[],"changedAt":"2025-01-01T08:00:00Z"}]""".formatted(fresh));
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"KVALITETSBERATTELSE\",\"year\":2025,\"orgUnitId\":\"" + fresh + "\"}")
                .when()
                .post(REPORTS)
                .then()
                .statusCode(201)
                .body("orgUnitId", equalTo(fresh.toString()));
        // a registry that does not answer: 503 with Retry-After, not "no such org unit"
        UUID unanswered = UUID.randomUUID();
        RegistryStub.answer("/registry/v1/org-units/" + unanswered + "/history", 500, "{\"status\":500}");
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"KVALITETSBERATTELSE\",\"year\":2025,\"orgUnitId\":\"" + unanswered + "\"}")
                .when()
                .post(REPORTS)
                .then()
                .statusCode(503)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://kvalitet.se/problems/dependency-unavailable"));
        given().header("Authorization", viewer())
                .contentType(ContentType.JSON)
                .body(create("KVALITETSBERATTELSE"))
                .when()
                .post(REPORTS)
                .then()
                .statusCode(403);
        ExtractableResponse<Response> created = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(create("KVALITETSBERATTELSE"))
                .when()
                .post(REPORTS)
                .then()
                .statusCode(201)
                .body("title", equalTo("Kvalitetsberättelse 2025"))
                .body("latestVersion", equalTo(null))
                .extract();
        reportId = created.jsonPath().getString("id");
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.header("Location")).endsWith(REPORTS + "/" + reportId);
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(create("KVALITETSBERATTELSE"))
                .when()
                .post(REPORTS)
                .then()
                .statusCode(409)
                .body("existingId", equalTo(reportId));
    }

    @Test
    @Order(2)
    void editorialRulesPersonnummerAndLocking() {
        String url = REPORTS + "/" + reportId + "/editorial";
        String ok = """
                {"summary":"Året präglades av ett systematiserat arbete med avvikelser.",
                 "chapters":{"avvikelser":{"narrative":"Analysen visar att rutiner saknas.\\n\\nÅtgärder har vidtagits."},
                             "riskanalyser":{"verdictOverride":"PARTLY","justification":"Riskanalyser påbörjades under hösten."}},
                 "focusAreas":["Fastställa processer för styrning och ledning.","Tillgängliggöra rutiner för medarbetare."]}""";
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(ok)
                .when()
                .put(url)
                .then()
                .statusCode(428);
        given().header("Authorization", karin())
                .header("If-Match", "\"7\"")
                .contentType(ContentType.JSON)
                .body(ok)
                .when()
                .put(url)
                .then()
                .statusCode(412);
        given().header("Authorization", karin())
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body("{\"chapters\":{\"avvikelser\":{\"verdictOverride\":\"MEETS\"}}}")
                .when()
                .put(url)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("chapters.avvikelser.justification"));
        given().header("Authorization", karin())
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body("{\"chapters\":{\"kapitel-9\":{\"narrative\":\"x\"}}}")
                .when()
                .put(url)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("chapters.kapitel-9"));
        given().header("Authorization", karin())
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body("{\"chapters\":{\"avvikelser\":{\"verdictOverride\":\"SOMETIMES\",\"justification\":\"x\"}}}")
                .when()
                .put(url)
                .then()
                .statusCode(400);
        // a personnummer (valid Luhn) in any text is refused, without echoing it
        given().header("Authorization", karin())
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body("{\"focusAreas\":[\"Följa upp ärendet för 19121212-1212\"]}")
                .when()
                .put(url)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/personal-identity-number"))
                .body("errors[0].field", equalTo("focusAreas[0]"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("1212-1212")));
        given().header("Authorization", karin())
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body(ok)
                .when()
                .put(url)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("editorial.focusAreas", hasItem("Tillgängliggöra rutiner för medarbetare."));
        assertThat(Db.count("SELECT version FROM report WHERE id = '" + reportId + "'"))
                .isEqualTo(2);
    }

    @Test
    @Order(3)
    void generationIsAsynchronousAndIdempotent() {
        String url = REPORTS + "/" + reportId + "/versions";
        given().header("Authorization", karin()).when().post(url).then().statusCode(428);
        given().header("Authorization", karin())
                .header("If-Match", "\"1\"")
                .when()
                .post(url)
                .then()
                .statusCode(412);
        given().header("Authorization", karin())
                .header("If-Match", "\"2\"")
                .header("Idempotency-Key", "bad key with spaces")
                .when()
                .post(url)
                .then()
                .statusCode(400);
        ExtractableResponse<Response> first = given().header("Authorization", karin())
                .header("If-Match", "\"2\"")
                .header("Idempotency-Key", "kb-2025-a")
                .when()
                .post(url)
                .then()
                .statusCode(202)
                .body("number", equalTo(1))
                .extract();
        versionUrl = first.header("Location");
        String id = first.jsonPath().getString("id");
        assertThat(first.jsonPath().getString("status")).isIn("PENDING", "GENERATING");
        // the same key: the same version, not a second one (even with a stale If-Match)
        given().header("Authorization", karin())
                .header("If-Match", "\"1\"")
                .header("Idempotency-Key", "kb-2025-a")
                .when()
                .post(url)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(201, 202))
                .body("id", equalTo(id));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().header("Authorization", karin())
                        .when()
                        .get(versionUrl)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DRAFT")));
        JsonPath v = given().header("Authorization", karin())
                .when()
                .get(versionUrl)
                .then()
                .extract()
                .jsonPath();
        contentHash = v.getString("contentHash");
        assertThat(contentHash).matches("[0-9a-f]{64}");
        assertThat(v.getLong("deviationCount")).isEqualTo(3);
        assertThat(Db.count("SELECT count(*) FROM report_version WHERE report_id = '" + reportId + "'"))
                .isEqualTo(1);
        try (TopicReader reader = TopicReader.open(Topics.REPORT)) {
            List<ConsumerRecord<String, byte[]>> generated = reader.await(
                    r -> r.key().equals(reportId)
                            && new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                                    .equals(ReportGeneratedV1.TYPE),
                    1,
                    Duration.ofSeconds(20));
            assertThat(generated).hasSize(1);
            EventEnvelope env = EventContract.assertValid(generated.get(0));
            ReportGeneratedV1 e = EventCodec.data(env, ReportGeneratedV1.class);
            assertThat(e.contentHash()).isEqualTo(contentHash);
            assertThat(e.deviationCount()).isEqualTo(3);
            assertThat(e.versionNumber()).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void theFourOutputs() throws Exception {
        byte[] json = given().header("Authorization", karin())
                .when()
                .get(versionUrl + "/content")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .asByteArray();
        assertThat(sha256(json)).isEqualTo(contentHash);
        JsonPath c = new JsonPath(new String(json, StandardCharsets.UTF_8));
        assertThat(c.getList("chapters.key"))
                .containsExactly(
                        "inledning",
                        "ledningssystem",
                        "processer",
                        "samverkan",
                        "avvikelser",
                        "riskanalyser",
                        "egenkontroll",
                        "personal");
        assertThat(c.getString("chapters.find { it.key == 'riskanalyser' }.verdict.effective"))
                .isEqualTo("PARTLY");
        assertThat(c.getString("chapters.find { it.key == 'riskanalyser' }.verdict.justification"))
                .isEqualTo("Riskanalyser påbörjades under hösten.");
        assertThat(c.getString("chapters.find { it.key == 'riskanalyser' }.verdict.computed"))
                .isNotNull();
        assertThat(c.getString("chapters.find { it.key == 'processer' }.verdict.computed"))
                .isEqualTo("PARTLY");
        assertThat(c.getString("chapters.find { it.key == 'egenkontroll' }.verdict.computed"))
                .isEqualTo("PARTLY");
        assertThat(c.getString("chapters.find { it.key == 'egenkontroll' }.verdict.basis"))
                .isEqualTo("1 av 2 planerade egenkontroller genomförda (50,0 %)");
        assertThat(c.getString("chapters.find { it.key == 'avvikelser' }.narrative"))
                .startsWith("Analysen visar");
        assertThat(c.getList("focusAreas")).hasSize(2);
        assertThat(
                        c.getList(
                                "chapters.find { it.key == 'egenkontroll' }.tables.find { it.key == 'nyckeltal' }.rows[0].cells"))
                .containsExactly(
                        "Nyckeltal " + INDICATOR.toString().substring(0, 8),
                        "..",
                        "..",
                        70,
                        71,
                        72,
                        1,
                        "..",
                        "Ej uppnått");
        assertThat(c.getList("chapters.find { it.key == 'avvikelser' }.tables.find { it.key == 'figur-avvikelser' }"
                        + ".rows.find { it.total }.cells"))
                .last()
                .isEqualTo(3);

        String html = given().header("Authorization", karin())
                .when()
                .get(versionUrl + "/html")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .extract()
                .asString();
        assertThat(html)
                .contains(
                        "Kvalitetsberättelse 2025",
                        "Innehåll",
                        "Vad föreskrifterna kräver",
                        "Bedömning: Uppfyller delvis",
                        "Fokusområden 2026",
                        "data:image/png;base64,",
                        "Utkast");

        byte[] pdf = given().header("Authorization", karin())
                .when()
                .get(versionUrl + "/pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        String text = PdfA.assertValid(pdf);
        assertThat(text)
                .contains(
                        "Kvalitetsberättelse 2025",
                        "Vård- och omsorgsnämnden",
                        "Innehåll",
                        "Sida 1 av",
                        "Ekbackens särskilda boende",
                        "Personuppgiftsincident",
                        "Åtgärder",
                        "Fokusområden 2026");

        byte[] xlsx = given().header("Authorization", karin())
                .when()
                .get(versionUrl + "/xlsx")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<String> sheets = new ArrayList<>();
            wb.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).contains("Översikt", "Nyckeltal per kapitel");
            long tables = c.getList("chapters.tables.flatten()").size();
            assertThat(sheets).hasSize((int) tables + 3).contains("Diagrammens värden");
            Sheet pivot = wb.getSheet(sheets.stream()
                    .filter(n -> n.startsWith("5 Antal avvikelser"))
                    .findFirst()
                    .orElseThrow());
            Row total = null;
            for (Row r : pivot) {
                if (r.getCell(0) != null && "Totalt".equals(r.getCell(0).toString())) {
                    total = r;
                }
            }
            assertThat(total).isNotNull();
            Cell last = total.getCell(total.getLastCellNum() - 1);
            assertThat(last.getNumericCellValue()).isEqualTo(3.0);
        }
    }

    @Test
    @Order(5)
    void readersSeeNoDraft() {
        given().header("Authorization", viewer())
                .when()
                .get(REPORTS + "/" + reportId)
                .then()
                .statusCode(404);
        given().header("Authorization", viewer()).when().get(versionUrl).then().statusCode(404);
        given().header("Authorization", viewer())
                .when()
                .get(versionUrl + "/pdf")
                .then()
                .statusCode(404);
        given().header("Authorization", viewer())
                .when()
                .get(REPORTS)
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(reportId)));
        given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .when()
                .get(REPORTS)
                .then()
                .statusCode(403);
    }

    @Test
    @Order(6)
    void approvalFreezesTheVersionForEver() throws Exception {
        String approve = versionUrl + "/approve";
        given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(approve)
                .then()
                .statusCode(428);
        given().header("Authorization", karin())
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(approve)
                .then()
                .statusCode(412);
        given().header("Authorization", viewer())
                .header("If-Match", "*")
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(approve)
                .then()
                .statusCode(403);
        String etag = given().header("Authorization", karin())
                .when()
                .get(versionUrl)
                .then()
                .extract()
                .header("ETag");
        JsonPath approved = given().header("Authorization", karin())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body("{\"note\":\"SN § 79, Dnr SN 2026-511\"}")
                .when()
                .post(approve)
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("contentHash", equalTo(contentHash))
                .extract()
                .jsonPath();
        byte[] pdf = given().header("Authorization", viewer())
                .when()
                .get(versionUrl + "/pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(sha256(pdf)).isEqualTo(approved.getString("pdfHash"));
        assertThat(PdfA.assertValid(pdf)).contains("Godkänd", "Dokumentet är digitalt signerat (PAdES)", "SN § 79");
        java.nio.file.Files.write(java.nio.file.Path.of("target", "kvalitetsberattelse-test.pdf"), pdf); // for a look
        approvedPdf = pdf;
        byte[] json = given().header("Authorization", viewer())
                .when()
                .get(versionUrl + "/content")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(sha256(json)).isEqualTo(contentHash);
        given().header("Authorization", viewer())
                .when()
                .get(REPORTS + "/" + reportId)
                .then()
                .statusCode(200)
                .body("approvedVersion.number", equalTo(1))
                .body("editorial", equalTo(null));
        given().header("Authorization", karin())
                .header("If-Match", "*")
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(approve)
                .then()
                .statusCode(409)
                .body("currentState", equalTo("APPROVED"));
        // the database refuses any change to an approved version
        assertThatThrownBy(() ->
                        Db.update("UPDATE report_version SET content = '{}' WHERE report_id = '" + reportId + "'"))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> Db.update("DELETE FROM report_version WHERE report_id = '" + reportId + "'"))
                .hasMessageContaining("immutable");
        try (TopicReader reader = TopicReader.open(Topics.REPORT)) {
            var records = reader.await(
                    r -> r.key().equals(reportId)
                            && new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                                    .equals(ReportApprovedV1.TYPE),
                    1,
                    Duration.ofSeconds(20));
            assertThat(records).hasSize(1);
            ReportApprovedV1 e = EventCodec.data(EventContract.assertValid(records.get(0)), ReportApprovedV1.class);
            assertThat(e.contentHash()).isEqualTo(contentHash);
            assertThat(e.pdfHash()).isEqualTo(approved.getString("pdfHash"));
            assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
                    .doesNotContain("karin");
        }
    }

    @Test
    @Order(7)
    void theApprovedPdfCarriesAPadesSignatureAndStaysPdfAAndPdfUa() throws Exception {
        List<PadesSignatures.Found> signatures = PadesSignatures.verify(approvedPdf);
        assertThat(signatures).hasSize(1);
        PadesSignatures.Found s = signatures.get(0);
        assertThat(s.valid()).as("CMS signature and digest verify").isTrue();
        assertThat(s.coversWholeFile()).isTrue();
        assertThat(s.subFilter()).isEqualTo("ETSI.CAdES.detached");
        assertThat(s.signer()).contains("Kvalitet rapporttjänst");
        // the approval block prints the certificate the file is signed with
        String text = PdfTagged.squeeze(new PdfTagged(approvedPdf).text);
        assertThat(text)
                .contains(
                        PdfTagged.squeeze(s.signer()),
                        PdfTagged.squeeze(se.kvalitet.report.render.DocumentViewAccess.grouped(s.certificateSha256())),
                        contentHash,
                        PdfTagged.squeeze("POST " + REPORTS + "/" + reportId + "/verifications"),
                        PdfTagged.squeeze(se.kvalitet.report.render.DocumentViewAccess.signedAt(s.signedAt())));
        // the signer reads as configured (common name first), in Swedish time beside the approval date
        assertThat(s.signer()).startsWith("CN=Kvalitet rapporttjänst");
        assertThat(se.kvalitet.report.render.DocumentViewAccess.signedAt(s.signedAt()))
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\+0[12]:00");
        // signing was an incremental update: the signed document is still PDF/A-2a and PDF/UA-1
        assertThat(VeraPdf.failures(approvedPdf))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("2a", List.of(), "ua1", List.of()));
    }

    @Test
    @Order(7)
    void aPresentedPdfIsVerifiedAgainstTheApprovedVersion() throws Exception {
        String url = REPORTS + "/" + reportId + "/verifications";
        given().header("Authorization", viewer())
                .contentType("application/pdf")
                .body(approvedPdf)
                .when()
                .post(url)
                .then()
                .statusCode(200)
                .body("result", equalTo("MATCHES"))
                .body("signatureValid", equalTo(true))
                .body("approvedVersion.number", equalTo(1))
                .body("approvedVersion.contentHash", equalTo(contentHash))
                .body("presentedSha256", equalTo(sha256(approvedPdf)));
        // something appended after the signature (an incremental update): the signed part is still the approved version
        byte[] appended;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(approvedPdf);
                var out = new java.io.ByteArrayOutputStream()) {
            doc.getDocumentInformation().setKeywords("ändrad efter signering");
            doc.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(out);
            appended = out.toByteArray();
        }
        given().header("Authorization", karin())
                .contentType("application/pdf")
                .body(appended)
                .when()
                .post(url)
                .then()
                .statusCode(200)
                .body("result", equalTo("MODIFIED_AFTER_SIGNING"))
                .body("approvedVersion.number", equalTo(1));
        // one byte changed inside the signed part: the signature fails and nothing matches
        byte[] tampered = approvedPdf.clone();
        int at = new String(tampered, StandardCharsets.ISO_8859_1).indexOf("Kvalitetsberättelse".substring(0, 8));
        tampered[at > 0 ? at : 2000] ^= 1;
        given().header("Authorization", karin())
                .contentType("application/pdf")
                .body(tampered)
                .when()
                .post(url)
                .then()
                .statusCode(200)
                .body("result", equalTo("NO_MATCH"))
                .body("approvedVersion", equalTo(null));
        given().header("Authorization", karin())
                .contentType("application/pdf")
                .body("%PDF-1.7 not really".getBytes())
                .when()
                .post(url)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", karin())
                .contentType("application/json")
                .body("{}")
                .when()
                .post(url)
                .then()
                .statusCode(415);
        given().header(
                        "Authorization",
                        TestTokens.user("anna").roles("reporter").bearer())
                .contentType("application/pdf")
                .body(approvedPdf)
                .when()
                .post(url)
                .then()
                .statusCode(403);
        given().header("Authorization", karin())
                .contentType("application/pdf")
                .body(approvedPdf)
                .when()
                .post(REPORTS + "/" + UUID.randomUUID() + "/verifications")
                .then()
                .statusCode(404);
    }

    @Test
    @Order(8)
    void regeneratingGivesANewDraftWithTheSameHashFromTheSameData() {
        String etag = given().header("Authorization", karin())
                .when()
                .get(REPORTS + "/" + reportId)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        ExtractableResponse<Response> second = given().header("Authorization", karin())
                .header("If-Match", etag)
                .header("Prefer", "wait=45")
                .when()
                .post(REPORTS + "/" + reportId + "/versions")
                .then()
                .statusCode(201)
                .body("number", equalTo(2))
                .body("status", equalTo("DRAFT"))
                .extract();
        assertThat(second.jsonPath().getString("contentHash")).isEqualTo(contentHash);
        given().header("Authorization", karin())
                .when()
                .get(REPORTS + "/" + reportId)
                .then()
                .body("latestVersion.number", equalTo(2))
                .body("approvedVersion.number", equalTo(1));
        given().header("Authorization", viewer())
                .when()
                .get(REPORTS + "/" + reportId + "/versions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].number", equalTo(1));
        given().header("Authorization", karin())
                .when()
                .get(REPORTS + "/" + reportId + "/versions")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    @Order(9)
    void patientsakerhetsberattelseAndNoPersonalDataInAnyOutput() throws Exception {
        String id = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body(create("PATIENTSAKERHETSBERATTELSE"))
                .when()
                .post(REPORTS)
                .then()
                .statusCode(201)
                .body("dueDate", equalTo("2026-03-01"))
                .extract()
                .jsonPath()
                .getString("id");
        byte[] pdf = given().header("Authorization", karin())
                .header("If-Match", "*")
                .header("Prefer", "wait=45")
                .header("Accept", "application/pdf")
                .when()
                .post(REPORTS + "/" + id + "/versions")
                .then()
                .statusCode(201)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        String pdfText = PdfA.assertValid(pdf);
        // a draft is not an approved version of the kvalitetsberättelse
        given().header("Authorization", karin())
                .contentType("application/pdf")
                .body(pdf)
                .when()
                .post(REPORTS + "/" + reportId + "/verifications")
                .then()
                .statusCode(200)
                .body("result", equalTo("NO_MATCH"));
        // and a report without an approved version has nothing to verify against
        given().header("Authorization", karin())
                .contentType("application/pdf")
                .body(pdf)
                .when()
                .post(REPORTS + "/" + id + "/verifications")
                .then()
                .statusCode(404);
        assertThat(pdfText)
                .contains(
                        "Patientsäkerhetsberättelse 2025",
                        "Lex Maria",
                        "Allvarlig vårdskada",
                        "Ekbackens särskilda boende");
        String location = given().header("Authorization", karin())
                .when()
                .get(REPORTS + "/" + id)
                .then()
                .extract()
                .jsonPath()
                .getString("latestVersion.links.self");
        JsonPath c = given().header("Authorization", karin())
                .when()
                .get(location + "/content")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(c.getList("chapters.key")).contains("vardskador", "klagomal");
        assertThat(c.getString("chapters.find { it.key == 'vardskador' }.verdict.computed"))
                .isEqualTo("MEETS");
        assertThat(c.getString("dueDate")).isEqualTo("2026-03-01");

        // every output of both reports: no personnummer, no e-mail, not the approver's name or subject
        List<String> outputs = new ArrayList<>();
        for (String v : List.of(versionUrl, location)) {
            outputs.add(given().header("Authorization", karin())
                    .when()
                    .get(v + "/content")
                    .then()
                    .extract()
                    .asString());
            outputs.add(given().header("Authorization", karin())
                    .when()
                    .get(v + "/html")
                    .then()
                    .extract()
                    .asString());
            outputs.add(PdfA.assertValid(given().header("Authorization", karin())
                    .when()
                    .get(v + "/pdf")
                    .then()
                    .extract()
                    .asByteArray()));
            outputs.add(xlsxText(given().header("Authorization", karin())
                    .when()
                    .get(v + "/xlsx")
                    .then()
                    .extract()
                    .asByteArray()));
            outputs.add(given().header("Authorization", karin())
                    .when()
                    .get(v)
                    .then()
                    .extract()
                    .asString());
        }
        outputs.add(given().header("Authorization", karin())
                .queryParam("orgUnit", BOARD.toString())
                .queryParam("year", "2025")
                .when()
                .get("/report/v1/deviation-statistics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(outputs).hasSize(11);
        for (String out : outputs) {
            assertThat(PersonalIdentityNumbers.find(out))
                    .as(() -> "personnummer in: "
                            + PersonalIdentityNumbers.find(out).stream()
                                    .map(m -> "«"
                                            + out.substring(
                                                            Math.max(0, m.start() - 40),
                                                            Math.min(out.length(), m.end() + 40))
                                                    .replace('\n', ' ')
                                                    .replace('\t', '|')
                                            + "»")
                                    .toList())
                    .isEmpty();
            assertThat(EMAIL.matcher(out).find()).as("e-mail address").isFalse();
            assertThat(out).doesNotContain("karin", "Karin", KARIN.subject());
        }
    }

    static String xlsxText(byte[] xlsx) throws Exception {
        StringBuilder b = new StringBuilder();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            b.append(wb.getProperties().getCoreProperties().getCreator()).append('\n');
            for (Sheet s : wb) {
                for (Row r : s) {
                    for (Cell cell : r) {
                        b.append(cell.toString()).append('\t');
                    }
                    b.append('\n');
                }
            }
        }
        return b.toString();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
