package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix's files hold together without the stack: every write row has a request template,
 * every template is used and expands to a JSON document (unless it declares another Content-Type), and every
 * fixture kind a row or template names is one the *Fixtures classes register (checked by name here; made for real in {@link SuiteEndToEndIT}).
 */
class AuthorizationMatrixFilesTest {

    static final Set<String> KINDS = Set.of(
            "deviation",
            "track",
            "sarah-track",
            "complaint-track",
            "breach-track",
            "root-cause",
            "action",
            "org-unit",
            "fresh-unit",
            "version-number",
            "verksamhet",
            "regulation",
            "requirement-item",
            "document",
            "process",
            "activity",
            "cooperation-partner",
            "risk-analysis",
            "risk",
            "board-goal",
            "indicator",
            "criterion",
            "goal",
            "measurement",
            "initiative",
            "egenkontroll-plan",
            "egenkontroll-occurrence",
            "internal-control-plan",
            "internal-control-item",
            "report",
            "version");

    @Test
    void everyWriteHasAValidTemplateAndEveryTemplateIsUsed() throws Exception {
        AuthorizationMatrix matrix = AuthorizationMatrix.load();
        MatrixBodies bodies = MatrixBodies.load();
        assertThat(AuthorizationMatrixRun.writesWithoutTemplate(matrix, bodies)).isEmpty();
        assertThat(matrix.callers()).contains("case-system", "case-system-2", "anonymous");

        Set<String> used = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (AuthorizationMatrix.Row row : matrix.rows()) {
            row.fixtures().values().stream()
                    .filter(k -> !KINDS.contains(k))
                    .forEach(k -> problems.add(row.line() + ": kind " + k));
            MatrixBodies.Template t = row.method().equals("GET") ? null : bodies.forRow(row);
            if (t == null) {
                continue;
            }
            used.add(t.name());
            Function<String, String> values = name -> {
                if (name.startsWith("f:") && !KINDS.contains(name.substring(2))) {
                    problems.add(t.name() + ": kind " + name);
                }
                return name.startsWith("f:")
                        ? "00000000-0000-4000-8000-000000000099"
                        : AuthorizationMatrixRun.placeholders(null, 0).apply(name);
            };
            t.headers().values().forEach(v -> MatrixBodies.expand(v, values));
            // JSON unless the template declares another Content-Type (the report verification sends a PDF)
            if (!t.body().isEmpty()
                    && t.headers()
                            .getOrDefault("Content-Type", "application/json")
                            .contains("json")) {
                try {
                    AuthorizationMatrixRun.JSON.readTree(MatrixBodies.expand(t.body(), values));
                } catch (Exception e) {
                    problems.add(t.name() + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(bodies.all().keySet()).as("templates no row uses").isSubsetOf(used);
    }
}
