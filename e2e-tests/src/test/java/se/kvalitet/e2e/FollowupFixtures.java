package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.e2e.SuiteEndToEndIT.JSON;
import static se.kvalitet.e2e.SuiteEndToEndIT.get;
import static se.kvalitet.e2e.SuiteEndToEndIT.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;

/** The fixtures of {@code the followup rows of authorization-matrix.csv}, from followup-service's demo data. */
final class FollowupFixtures {

    static final String OWN_UNIT = "00000000-0000-4000-8000-000000000011";
    static final String FOREIGN_UNIT = SuiteEndToEndIT.IFO_UNIT;

    private FollowupFixtures() {
    }

    /** The first item of a followup list as the quality team sees it. */
    static JsonNode first(Map<String, String> tokens, String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(stack.gatewayUrl() + "/followup/v1/" + pathAndQuery, tokens.get("karin"));
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(r.body()).get("items");
        assertThat(items.size()).as(pathAndQuery + " has demo data").isPositive();
        return items.get(0);
    }

    /** {own, foreign}: the first item of the list for unit 11 and for unit 21. */
    static String[] byUnit(Map<String, String> tokens, String list, String idPath) throws Exception {
        String sep = list.contains("?") ? "&" : "?";
        return new String[] {first(tokens, list + sep + "orgUnitId=" + OWN_UNIT).at(idPath).asText(),
                first(tokens, list + sep + "orgUnitId=" + FOREIGN_UNIT).at(idPath).asText()};
    }

    /** Adds fixture kind → {object of the Äldreomsorg subtree (unit 10/11), object of IFO (unit 21)}. */
    static void add(Map<String, String> tokens, Map<String, String[]> f) throws Exception {
        String indicator = first(tokens, "indicators?limit=1").get("id").asText();
        f.put("indicator", new String[] {indicator, indicator});
        f.put("criterion", new String[] {"SAFETY", "SAFETY"});
        f.put("goal", byUnit(tokens, "goals?level=OPERATIONAL", "/id"));
        f.put("measurement", byUnit(tokens, "measurements?limit=1", "/id"));
        f.put("initiative", byUnit(tokens, "quality-initiatives?limit=1", "/id"));
        f.put("egenkontroll-plan", byUnit(tokens, "egenkontroll-plans?limit=1", "/id"));
        f.put("egenkontroll-occurrence", byUnit(tokens, "egenkontroll-occurrences?state=SCHEDULED&limit=1", "/id"));
        JsonNode plan = first(tokens, "internal-control-plans?limit=1");
        f.put("internal-control-plan", new String[] {plan.get("id").asText(), plan.get("id").asText()});
        String item = plan.get("items").get(0).get("id").asText();
        f.put("internal-control-item", new String[] {item, item});
    }
}
