package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.e2e.SuiteEndToEndIT.HEMTJANST;
import static se.kvalitet.e2e.SuiteEndToEndIT.IFO_UNIT;
import static se.kvalitet.e2e.SuiteEndToEndIT.JSON;
import static se.kvalitet.e2e.SuiteEndToEndIT.post;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/** The fixtures of {@code the registry rows of authorization-matrix.csv}. */
final class RegistryFixtures {

    static final String SOSFS_2011_9 = "00000000-0000-4000-a000-000000000001";
    static final String PROCESSES_4_2 = "00000000-0000-4000-b001-000000040002";

    private RegistryFixtures() {
    }

    /** Adds fixture kind → {object of the Äldreomsorg subtree (unit 10/11), object of IFO (unit 21)}. */
    static void add(Map<String, String> tokens, Map<String, String[]> f) throws Exception {
        f.put("org-unit", new String[] {HEMTJANST, IFO_UNIT});
        // demo verksamheter Hemtjänst (run by unit 11) and Barn och unga (unit 21)
        f.put("verksamhet", new String[] {"00000000-0000-4000-c000-000000000001", "00000000-0000-4000-c000-000000000003"});
        // the shipped catalogue: SOSFS 2011:9 and its 4 kap. 2 § (shared, not unit-scoped)
        f.put("regulation", new String[] {SOSFS_2011_9, SOSFS_2011_9});
        f.put("requirement-item", new String[] {PROCESSES_4_2, PROCESSES_4_2});
        // a routine in force for each unit, each with a draft of its next version (so the draft endpoints have one)
        f.put("document", new String[] {routine(tokens.get("karin"), HEMTJANST), routine(tokens.get("karin"), IFO_UNIT)});
        f.put("version-number", new String[] {"1", "1"});
        HttpResponse<String> partner = post("/registry/v1/cooperation-partners", tokens.get("karin"),
                "{\"name\":\"Matrisregionen " + UUID.randomUUID() + "\",\"kind\":\"REGION\"}", Map.of());
        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(201);
        String partnerId = JSON.readTree(partner.body()).get("id").asText();
        f.put("cooperation-partner", new String[] {partnerId, partnerId});
        String[] own = riskAnalysis(tokens.get("karin"), HEMTJANST);
        String[] foreign = riskAnalysis(tokens.get("karin"), IFO_UNIT);
        f.put("risk-analysis", new String[] {own[0], foreign[0]});
        f.put("risk", new String[] {own[1], foreign[1]});
    }

    /** A risk analysis of a planned change for the unit with one risk: {analysis id, risk id}. */
    private static String[] riskAnalysis(String karin, String unit) throws Exception {
        String today = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
        HttpResponse<String> created = post("/registry/v1/risk-analyses", karin, """
                {"title":"Matrisanalys","subjectKind":"PLANNED_CHANGE","plannedChange":"Ny lokal","orgUnitId":"%s",
                 "analysedOn":"%s"}""".formatted(unit, today), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> risk = post("/registry/v1/risk-analyses/" + id + "/risks", karin,
                "{\"description\":\"Matrisrisk\",\"likelihood\":2,\"consequence\":3}", Map.of("If-Match", "*"));
        assertThat(risk.statusCode()).as(risk.body()).isEqualTo(201);
        return new String[] {id, JSON.readTree(risk.body()).get("risks").get(0).get("id").asText()};
    }

    private static String routine(String karin, String unit) throws Exception {
        HttpResponse<String> created = post("/registry/v1/documents", karin, """
                {"type":"ROUTINE","title":"Matrisrutin","content":"Gör så här.","ownerOrgUnitId":"%s","orgUnitIds":["%s"],
                 "responsibilities":[{"task":"Utför","responsibleRole":"Enhetschef"}],"reviewInterval":"YEARLY"}"""
                .formatted(unit, unit), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        String today = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
        for (String[] step : new String[][] {{"submit", "{}"}, {"approve", "{\"decidedBy\":\"UNIT_HEAD\",\"decidedOn\":\"" + today + "\"}"},
                {"revisions", "{}"}}) {
            HttpResponse<String> r = post("/registry/v1/documents/" + id + "/" + step[0], karin, step[1], Map.of("If-Match", "*"));
            assertThat(r.statusCode()).as(step[0] + ": " + r.body()).isBetween(200, 201);
        }
        return id;
    }
}
