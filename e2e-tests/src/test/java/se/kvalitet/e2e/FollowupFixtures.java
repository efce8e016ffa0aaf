package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.e2e.SuiteEndToEndIT.JSON;
import static se.kvalitet.e2e.SuiteEndToEndIT.get;
import static se.kvalitet.e2e.SuiteEndToEndIT.stack;

import java.net.http.HttpResponse;
import java.util.Map;

/** The fixtures of {@code authorization-matrix/followup.csv}. */
final class FollowupFixtures {

    private FollowupFixtures() {
    }

    /** Adds fixture kind → {object of the Äldreomsorg subtree (unit 10/11), object of IFO (unit 21)}. */
    static void add(Map<String, String> tokens, Map<String, String[]> f) throws Exception {
        HttpResponse<String> indicators = get(stack.gatewayUrl() + "/followup/v1/indicators?limit=1", tokens.get("karin"));
        assertThat(indicators.statusCode()).as(indicators.body()).isEqualTo(200);
        String indicator = JSON.readTree(indicators.body()).get("items").get(0).get("id").asText();
        f.put("indicator", new String[] {indicator, indicator});
    }
}
