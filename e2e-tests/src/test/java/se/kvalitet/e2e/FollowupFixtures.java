package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.e2e.AuthorizationMatrixRun.UNIT;
import static se.kvalitet.e2e.AuthorizationMatrixRun.field;
import static se.kvalitet.e2e.RegistryFixtures.created;
import static se.kvalitet.e2e.RegistryFixtures.tag;
import static se.kvalitet.e2e.SuiteEndToEndIT.JSON;
import static se.kvalitet.e2e.SuiteEndToEndIT.get;
import static se.kvalitet.e2e.SuiteEndToEndIT.post;
import static se.kvalitet.e2e.SuiteEndToEndIT.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixtures of the followup rows of {@code authorization-matrix.csv}, made by karin for the variant's unit
 * (11 / 21; indicators, criteria and internal control plans belong to no unit and are the same twice), fresh
 * after every write that succeeded on them; the demo data's objects are never written by the matrix.
 */
final class FollowupFixtures {

    /** Measurement periods unique per made measurement (a measurement is one per indicator, unit, period and gender). */
    private static final AtomicInteger PERIODS = new AtomicInteger(1900);

    private FollowupFixtures() {}

    static void register(MatrixFixtures f, Map<String, String> tokens) throws Exception {
        // a board goal of the demo data: what operational goals break down (only referenced, never written)
        String boardGoal = first(tokens.get("karin"), "goals?level=BOARD&limit=1")
                .get("id")
                .asText();
        f.fixed("board-goal", boardGoal, boardGoal);
        f.shared(
                "indicator",
                v -> Map.of(
                        "indicator",
                        created(tokens.get("karin"), "/followup/v1/indicators", indicator("MATRIS-" + tag()))),
                "indicator");
        f.shared(
                "criterion",
                v -> {
                    String code = "MATRIS_" + tag().toUpperCase();
                    HttpResponse<String> r =
                            post("/followup/v1/quality-criteria", tokens.get("karin"), """
                    {"code":"%s","nameSv":"Matriskriterium","nameEn":"Matrix criterion","sortOrder":900,"active":true}""".formatted(code), Map.of());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    return Map.of("criterion", code);
                },
                "criterion");
        f.perVariant(
                "goal",
                v -> Map.of(
                        "goal", created(tokens.get("karin"), "/followup/v1/goals", """
                {"level":"OPERATIONAL","parentId":"%s","orgUnitId":"%s","title":"Matrismål","criterionCode":"SAFETY","validFrom":2025}""".formatted(boardGoal, UNIT[v]))),
                "goal");
        f.perVariant(
                "measurement",
                v -> Map.of("measurement", created(tokens.get("karin"), "/followup/v1/measurements", """
                {"indicatorId":"%s","orgUnitId":"%s","period":"%d","value":50}""".formatted(
                                f.id("indicator", 0), UNIT[v], PERIODS.incrementAndGet()))),
                "measurement");
        f.perVariant(
                "initiative",
                v -> Map.of(
                        "initiative",
                        created(tokens.get("karin"), "/followup/v1/quality-initiatives", """
                {"orgUnitId":"%s","title":"Matrisinsats","responsible":"Enhetschef","origin":"OTHER"}""".formatted(UNIT[v]))),
                "initiative");
        f.perVariant(
                "egenkontroll-plan",
                v -> egenkontroll(tokens.get("karin"), UNIT[v]),
                "egenkontroll-plan",
                "egenkontroll-occurrence");
        f.shared(
                "internal-control-plan",
                v -> internalControl(tokens.get("karin")),
                "internal-control-plan",
                "internal-control-item");
    }

    static String indicator(String code) {
        return """
                {"code":"%s","name":"Matrisnyckeltal","criterionCode":"SAFETY","unitOfMeasure":"PERCENT","method":"SURVEY",
                 "frequency":"YEARLY","decimals":1,"genderSplit":false,"targets":[{"validFromPeriod":"2020","comparator":"AT_LEAST","value":80}]}""".formatted(code);
    }

    /** The first item of a followup list as the quality team sees it. */
    static JsonNode first(String karin, String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(stack.gatewayUrl() + "/followup/v1/" + pathAndQuery, karin);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(r.body()).get("items");
        assertThat(items.size()).as(pathAndQuery + " has demo data").isPositive();
        return items.get(0);
    }

    /** A quarterly egenkontroll plan for the unit and its first scheduled occurrence. */
    private static Map<String, String> egenkontroll(String karin, String unit) throws Exception {
        String firstDue =
                LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(30).toString();
        HttpResponse<String> r =
                post("/followup/v1/egenkontroll-plans", karin, """
                {"orgUnitId":"%s","title":"Matriskontroll","method":"SAMPLE_CHECK","frequency":"QUARTERLY","firstDueOn":"%s",
                 "responsibleRole":"Enhetschef"}""".formatted(unit, firstDue), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Map.of(
                "egenkontroll-plan",
                field(r.body(), "/plan/id"),
                "egenkontroll-occurrence",
                field(r.body(), "/upcoming/0/id"));
    }

    /** A draft internal control plan (for a year no other plan of the unit has) with one control. */
    private static Map<String, String> internalControl(String karin) throws Exception {
        String plan = created(karin, "/followup/v1/internal-control-plans", """
                {"orgUnitId":"%s","year":%d,"title":"Matrisplan"}""".formatted(
                        UNIT[0], 2100 + PERIODS.incrementAndGet() % 100));
        HttpResponse<String> item =
                post("/followup/v1/internal-control-plans/" + plan + "/items", karin, """
                {"risk":"Matrisrisk","likelihood":2,"consequence":3,"control":"Stickprov","responsibleRole":"Enhetschef"}""", Map.of("If-Match", "*"));
        assertThat(item.statusCode()).as(item.body()).isEqualTo(201);
        return Map.of("internal-control-plan", plan, "internal-control-item", field(item.body(), "/items/0/id"));
    }
}
