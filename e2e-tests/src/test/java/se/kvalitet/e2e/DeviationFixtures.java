package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.e2e.SuiteEndToEndIT.HEMTJANST;
import static se.kvalitet.e2e.SuiteEndToEndIT.IFO_UNIT;
import static se.kvalitet.e2e.SuiteEndToEndIT.JSON;
import static se.kvalitet.e2e.SuiteEndToEndIT.deviation;
import static se.kvalitet.e2e.SuiteEndToEndIT.post;

import java.net.http.HttpResponse;
import java.util.Map;

/** The fixtures of {@code the deviation rows of authorization-matrix.csv}. */
final class DeviationFixtures {

    private DeviationFixtures() {
    }

    /** Adds fixture kind → {object of the Äldreomsorg subtree (anna's own unit 11), object of IFO (unit 21)}. */
    static void add(Map<String, String> tokens, Map<String, String[]> f) throws Exception {
        HttpResponse<String> own = post("/deviation/v1/deviations", tokens.get("anna"), deviation("Matrix, egen enhet"), Map.of());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        HttpResponse<String> foreign = post("/deviation/v1/deviations", tokens.get("case-system"),
                deviation("Matrix, annan enhet").replace(HEMTJANST, IFO_UNIT), Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(201);
        String[] deviations = {JSON.readTree(own.body()).get("id").asText(), JSON.readTree(foreign.body()).get("id").asText()};
        f.put("deviation", deviations);
        // both triaged as other deviations (no lex Maria: the MAS would see them): their tracks are fixtures too
        String[] tracks = new String[2];
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> triaged = post("/deviation/v1/deviations/" + deviations[i] + "/triage", tokens.get("karin"),
                    "{\"categories\":[\"OTHER_DEVIATION\"]}", Map.of("If-Match", "*"));
            assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);
            tracks[i] = JSON.readTree(triaged.body()).get("tracks").get(0).get("id").asText();
        }
        f.put("track", tracks);
        // an action on each (karin, the quality team, works on both)
        String[] actions = new String[2];
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> added = post("/deviation/v1/deviations/" + deviations[i] + "/actions", tokens.get("karin"),
                    "{\"title\":\"Matris, åtgärd\",\"owner\":\"karin\",\"dueDate\":\"" + java.time.LocalDate.now().plusDays(30)
                            + "\",\"trackId\":\"" + tracks[i] + "\"}", Map.of());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            actions[i] = JSON.readTree(added.body()).get("id").asText();
        }
        f.put("action", actions);
    }
}
