package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.e2e.AuthorizationMatrixRun.UNIT;
import static se.kvalitet.e2e.AuthorizationMatrixRun.field;
import static se.kvalitet.e2e.SuiteEndToEndIT.post;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * The fixtures of the registry rows of {@code authorization-matrix.csv}, made by karin (the quality team) for
 * the variant's unit (11 / 21), fresh after every write that succeeded on them: the demo organisation, its
 * verksamheter, the shipped requirement catalogue and the demo documents are never written by the matrix.
 */
final class RegistryFixtures {

    private RegistryFixtures() {}

    static void register(MatrixFixtures f, Map<String, String> tokens) {
        f.fixed("org-unit", UNIT[0], UNIT[1]);
        f.fixed("version-number", "1", "1");
        f.perVariant(
                "fresh-unit",
                v -> Map.of("fresh-unit", created(tokens.get("karin"), "/registry/v1/org-units", """
                {"name":"Matrisgrupp %s","type":"GROUP","parentId":"%s","validFrom":"2024-01-01"}""".formatted(
                                tag(), UNIT[v]))),
                "fresh-unit");
        f.perVariant(
                "verksamhet",
                v -> Map.of("verksamhet", created(tokens.get("karin"), "/registry/v1/verksamheter", """
                {"code":"M-%s","name":"Matrisverksamhet","legalBases":["SOL"],"kinds":["HOME_CARE"],"orgUnitIds":["%s"]}""".formatted(
                                tag(), UNIT[v]))),
                "verksamhet");
        f.shared(
                "regulation",
                v -> {
                    String regulation =
                            created(tokens.get("karin"), "/registry/v1/requirements/regulations", """
                    {"code":"MATRIS %s","title":"Matrisföreskrift","kind":"REGULATION","issuedBy":"Matris"}""".formatted(tag()));
                    String item = created(
                            tokens.get("karin"), "/registry/v1/requirements/regulations/" + regulation + "/items", """
                    {"reference":"1 §","summary":"Matriskrav","orderKey":1}""");
                    return Map.of("regulation", regulation, "requirement-item", item);
                },
                "regulation",
                "requirement-item");
        f.perVariant("document", v -> Map.of("document", routine(tokens.get("karin"), UNIT[v])), "document");
        f.perVariant("process", v -> process(tokens.get("karin"), UNIT[v]), "process", "activity");
        f.shared(
                "cooperation-partner",
                v -> Map.of(
                        "cooperation-partner",
                        created(
                                tokens.get("karin"),
                                "/registry/v1/cooperation-partners",
                                "{\"name\":\"Matrisregionen " + tag() + "\",\"kind\":\"REGION\"}")),
                "cooperation-partner");
        f.perVariant("risk-analysis", v -> riskAnalysis(tokens.get("karin"), UNIT[v]), "risk-analysis", "risk");
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** POSTs and returns the new object's id. */
    static String created(String token, String path, String json) throws Exception {
        HttpResponse<String> r = post(path, token, json, Map.of("If-Match", "*"));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 201);
        return field(r.body(), "/id");
    }

    /** A risk analysis of a planned change for the unit with one risk: {analysis id, risk id}. */
    private static Map<String, String> riskAnalysis(String karin, String unit) throws Exception {
        String today = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
        String id = created(karin, "/registry/v1/risk-analyses", """
                {"title":"Matrisanalys","subjectKind":"PLANNED_CHANGE","plannedChange":"Ny lokal","orgUnitId":"%s",
                 "analysedOn":"%s"}""".formatted(unit, today));
        HttpResponse<String> risk = post(
                "/registry/v1/risk-analyses/" + id + "/risks",
                karin,
                "{\"description\":\"Matrisrisk\",\"likelihood\":2,\"consequence\":3}",
                Map.of("If-Match", "*"));
        assertThat(risk.statusCode()).as(risk.body()).isEqualTo(201);
        return Map.of("risk-analysis", id, "risk", field(risk.body(), "/risks/0/id"));
    }

    /** A routine in force for the unit, with a draft of its next version (so the draft endpoints have one). */
    private static String routine(String karin, String unit) throws Exception {
        String id = created(karin, "/registry/v1/documents", """
                {"type":"ROUTINE","title":"Matrisrutin","content":"Gör så här.","ownerOrgUnitId":"%s","orgUnitIds":["%s"],
                 "responsibilities":[{"task":"Utför","responsibleRole":"Enhetschef"}],"reviewInterval":"YEARLY"}""".formatted(unit, unit));
        String today = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
        for (String[] step : new String[][] {
            {"submit", ""},
            {"approve", "{\"decidedBy\":\"UNIT_HEAD\",\"decidedOn\":\"" + today + "\"}"},
            {"revisions", ""}
        }) {
            HttpResponse<String> r =
                    post("/registry/v1/documents/" + id + "/" + step[0], karin, step[1], Map.of("If-Match", "*"));
            assertThat(r.statusCode()).as(step[0] + ": " + r.body()).isBetween(200, 201);
        }
        return id;
    }

    /** A process draft owned by the unit, with one activity: {process id, activity id}. */
    private static Map<String, String> process(String karin, String unit) throws Exception {
        String id = created(karin, "/registry/v1/documents", """
                {"type":"PROCESS","title":"Matrisprocess","summary":"Syftet är att brukaren får rätt stöd.","processCategory":"CORE",
                 "startPoint":"Ansökan inkommer","endPoint":"Ärendet avslutas","ownerOrgUnitId":"%s","orgUnitIds":["%s"],
                 "reviewInterval":"YEARLY"}""".formatted(unit, unit));
        HttpResponse<String> step = post(
                "/registry/v1/documents/" + id + "/activities",
                karin,
                "{\"name\":\"Utreda behov\"}",
                Map.of("If-Match", "*"));
        assertThat(step.statusCode()).as(step.body()).isEqualTo(200);
        return Map.of("process", id, "activity", field(step.body(), "/activities/0/activityId"));
    }
}
