package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.e2e.SuiteEndToEndIT.JSON;
import static se.kvalitet.e2e.SuiteEndToEndIT.get;
import static se.kvalitet.e2e.SuiteEndToEndIT.post;
import static se.kvalitet.e2e.SuiteEndToEndIT.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The fixtures of {@code the report rows of authorization-matrix.csv}. Reports are not unit-scoped: the two
 * objects are the demo kvalitetsberättelse with an approved version, and the demo
 * patientsäkerhetsberättelse with a draft only (board members and BI read the first, not the second).
 */
final class ReportFixtures {

    /** report-service's demo reports for the current year (DemoReports). */
    static final String KVALITETSBERATTELSE = "00000000-0000-4000-8000-000000000601";

    static final String PATIENTSAKERHETSBERATTELSE = "00000000-0000-4000-8000-000000000603";

    private ReportFixtures() {}

    /** report = {the kvalitetsberättelse with an approved version, the patientsäkerhetsberättelse with a draft}; version = those. */
    static void register(MatrixFixtures f, Map<String, String> tokens) {
        f.perVariant(
                "report",
                v -> {
                    if (v == 0) {
                        JsonNode approved = generated(tokens.get("karin"), KVALITETSBERATTELSE);
                        HttpResponse<String> ok = post(
                                "/report/v1/reports/" + KVALITETSBERATTELSE + "/versions/"
                                        + approved.get("id").asText() + "/approve",
                                tokens.get("karin"),
                                "{\"note\":\"Matrix\"}",
                                Map.of("If-Match", "*"));
                        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                        return Map.of(
                                "report",
                                KVALITETSBERATTELSE,
                                "version",
                                approved.get("id").asText());
                    }
                    return Map.of(
                            "report",
                            PATIENTSAKERHETSBERATTELSE,
                            "version",
                            generated(tokens.get("karin"), PATIENTSAKERHETSBERATTELSE)
                                    .get("id")
                                    .asText());
                },
                "report",
                "version");
    }

    /** A generated draft of the report (retried while the demo organisation's events are still arriving). */
    static JsonNode generated(String token, String report) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            HttpResponse<String> r = post(
                    "/report/v1/reports/" + report + "/versions",
                    token,
                    "",
                    Map.of("If-Match", "*", "Prefer", "wait=15"));
            assertThat(r.statusCode()).as(r.body()).isIn(201, 202);
            String self = stack.gatewayUrl()
                    + JSON.readTree(r.body()).get("links").get("self").asText();
            for (int poll = 0; poll < 120; poll++) {
                JsonNode v = JSON.readTree(get(self, token).body());
                String status = v.get("status").asText();
                if (status.equals("DRAFT")) {
                    return v;
                }
                if (status.equals("FAILED")) {
                    break;
                }
                Thread.sleep(500);
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("report " + report + " could not be generated");
    }
}
