package se.kvalitet.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The authorization matrix ({@code authorization-matrix.csv}, one table): every endpoint of every service ×
 * every role (a demo user or machine client of the realm) × an object of the caller's own unit
 * and one of a foreign unit → the expected outcome.
 *
 * <p>Format: {@code #} starts a comment; the first non-comment line is the header
 * {@code method,path,fixtures,<caller>...}. {@code fixtures} binds path parameters to fixture
 * kinds ({@code id=deviation;indicatorId=indicator}, {@code -} for none); a parameter without a
 * fixture gets a random UUID. {@code body=<name>} among them names the request template to send
 * ({@link MatrixBodies}; without it the template of the endpoint itself): several rows may test one
 * endpoint with different bodies (a reference to a foreign unit, an unknown one). A cell is one
 * outcome, or {@code own|foreign} when it depends on whether the objects (and the units in the body)
 * belong to the caller's part of the organisation. An outcome is an exact status ({@code 401},
 * {@code 403}, {@code 404}, {@code 409}, ...), {@code 2xx}: the write (or read) was carried out, {@code ok}:
 * the request passed authorization (any status but 401, 403 and 404, below 500), or {@code deny}: 403
 * or 404 (either hides the object). Writes send a valid body, so an allowed write is carried out, or
 * stopped by the object's state (409) or lock (412/428) after authorization.
 */
record AuthorizationMatrix(List<String> callers, List<Row> rows) {

    /** One row; {@code line} is {@code file:line} for messages; {@code body} the template name, null for the endpoint's own. */
    record Row(
            String line,
            String method,
            String path,
            Map<String, String> fixtures,
            String body,
            Map<String, String[]> cells) {

        /** {@code GET /deviation/v1/deviations/{id}}: what the OpenAPI document calls the operation. */
        String endpoint() {
            return method + " " + path;
        }
    }

    /** The one table of the whole suite. */
    static final String RESOURCE = "/authorization-matrix.csv";

    static AuthorizationMatrix load() throws IOException {
        return load(RESOURCE);
    }

    static AuthorizationMatrix load(String resource) throws IOException {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in =
                        Objects.requireNonNull(AuthorizationMatrix.class.getResourceAsStream(resource), resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> callers = null;
            List<Row> rows = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s*,\\s*", -1);
                if (callers == null) {
                    if (f.length < 4 || !f[0].equals("method") || !f[1].equals("path") || !f[2].equals("fixtures")) {
                        throw new IllegalArgumentException(
                                file + ":" + n + ": header must be method,path,fixtures,<callers...>");
                    }
                    callers = List.of(f).subList(3, f.length);
                    continue;
                }
                if (f.length != callers.size() + 3) {
                    throw new IllegalArgumentException(
                            file + ":" + n + ": " + f.length + " cells, header has " + (callers.size() + 3));
                }
                Map<String, String> fixtures = new LinkedHashMap<>();
                String body = null;
                if (!f[2].equals("-")) {
                    for (String binding : f[2].split(";")) {
                        String[] kv = binding.split("=", 2);
                        if (kv.length != 2) {
                            throw new IllegalArgumentException(
                                    file + ":" + n + ": binding '" + binding + "' is not name=kind");
                        }
                        if (kv[0].equals("body")) {
                            body = kv[1];
                        } else {
                            fixtures.put(kv[0], kv[1]);
                        }
                    }
                }
                Map<String, String[]> cells = new LinkedHashMap<>();
                for (int i = 0; i < callers.size(); i++) {
                    String cell = f[i + 3];
                    String[] outcomes = cell.split("\\|", -1);
                    for (String o : outcomes) {
                        if (!o.matches("ok|deny|2xx|[1-5][0-9][0-9]")) {
                            throw new IllegalArgumentException(file + ":" + n + ": bad outcome '" + o + "'");
                        }
                    }
                    if (outcomes.length == 2 && fixtures.isEmpty()) {
                        throw new IllegalArgumentException(file + ":" + n + ": own|foreign needs a fixture");
                    }
                    cells.put(callers.get(i), outcomes);
                }
                rows.add(new Row(file + ":" + n, f[0].toUpperCase(), f[1], fixtures, body, cells));
            }
            if (callers == null) {
                throw new IllegalArgumentException(resource + " has no header");
            }
            return new AuthorizationMatrix(callers, rows);
        }
    }

    /** Whether {@code status} is what {@code outcome} expects. */
    static boolean matches(String outcome, int status) {
        return switch (outcome) {
            case "ok" -> status != 401 && status != 403 && status != 404 && status < 500;
            case "deny" -> status == 403 || status == 404;
            case "2xx" -> status >= 200 && status < 300;
            default -> Integer.parseInt(outcome) == status;
        };
    }
}
