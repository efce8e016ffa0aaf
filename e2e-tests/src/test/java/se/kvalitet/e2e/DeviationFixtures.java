package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.e2e.AuthorizationMatrixRun.field;
import static se.kvalitet.e2e.SuiteEndToEndIT.HEMTJANST;
import static se.kvalitet.e2e.SuiteEndToEndIT.IFO_UNIT;
import static se.kvalitet.e2e.SuiteEndToEndIT.JSON;
import static se.kvalitet.e2e.SuiteEndToEndIT.deviation;
import static se.kvalitet.e2e.SuiteEndToEndIT.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** The fixtures of the deviation rows of {@code authorization-matrix.csv}. */
final class DeviationFixtures {

    private DeviationFixtures() {}

    /**
     * deviation = {a report anna filed in unit 11, a report the case-system client filed in unit 21}, triaged by
     * karin into other deviation, lex Sarah, complaint and personal data breach (no lex Maria: the MAS would see
     * it), with the tracks of each (track = the other-deviation one), a root cause on the track and an action
     * karin added on it.
     */
    static void register(MatrixFixtures f, Map<String, String> tokens) {
        f.perVariant(
                "deviation",
                v -> report(tokens, v),
                "deviation",
                "track",
                "sarah-track",
                "complaint-track",
                "breach-track",
                "root-cause",
                "action");
    }

    private static Map<String, String> report(Map<String, String> tokens, int variant) throws Exception {
        String karin = tokens.get("karin");
        HttpResponse<String> filed = variant == 0
                ? post("/deviation/v1/deviations", tokens.get("anna"), deviation("Matris, egen enhet"), Map.of())
                : post(
                        "/deviation/v1/deviations",
                        tokens.get("case-system"),
                        deviation("Matris, annan enhet").replace(HEMTJANST, IFO_UNIT),
                        Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String id = field(filed.body(), "/id");
        HttpResponse<String> triaged = post(
                "/deviation/v1/deviations/" + id + "/triage",
                karin,
                "{\"categories\":[\"OTHER_DEVIATION\",\"LEX_SARAH\",\"COMPLAINT\",\"PERSONAL_DATA_BREACH\"]}",
                Map.of("If-Match", "*"));
        assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);
        Map<String, String> ids = new HashMap<>();
        ids.put("deviation", id);
        for (JsonNode t : JSON.readTree(triaged.body()).get("tracks")) {
            String kind = switch (t.get("category").asText()) {
                case "OTHER_DEVIATION" -> "track";
                case "LEX_SARAH" -> "sarah-track";
                case "COMPLAINT" -> "complaint-track";
                default -> "breach-track";
            };
            ids.put(kind, t.get("id").asText());
        }
        String track = "/deviation/v1/deviations/" + id + "/tracks/" + ids.get("track");
        HttpResponse<String> cause = post(track + "/root-causes", karin, "{\"cause\":\"DEFICIENT_ROUTINE\"}", Map.of());
        assertThat(cause.statusCode()).as(cause.body()).isEqualTo(201);
        ids.put("root-cause", field(cause.body(), "/id"));
        HttpResponse<String> action = post(
                "/deviation/v1/deviations/" + id + "/actions",
                karin,
                "{\"title\":\"Matris, åtgärd\",\"owner\":\"karin\",\"dueDate\":\""
                        + LocalDate.now().plusDays(30) + "\",\"trackId\":\"" + ids.get("track") + "\"}",
                Map.of());
        assertThat(action.statusCode()).as(action.body()).isEqualTo(201);
        ids.put("action", field(action.body(), "/id"));
        return ids;
    }
}
