package se.kvalitet.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request templates of the authorization matrix ({@code authorization-matrix-bodies.txt}): every
 * write row sends a valid body, so authorization is exercised past validation, references inside the
 * body included.
 *
 * <p>Format: a section starts with {@code ### <name>}, the name being an endpoint ({@code POST /deviation/v1/deviations})
 * or a name a row chooses with {@code body=<name>}; then header lines ({@code If-Match: *}), then the
 * body (JSON unless a {@code Content-Type} header says otherwise; none when empty). Other lines starting
 * with {@code #} are comments. Placeholders {@code {{...}}} are filled per request ({@link AuthorizationMatrixRun}):
 * {@code unit}, {@code unit2} (the variant's unit and a sibling: 11/12 own, 21/22 foreign), {@code ownUnit},
 * {@code foreignUnit}, {@code f:<kind>} (the variant's fixture of that kind), {@code today}, {@code today+N},
 * {@code today-N}, {@code now} (the instant of sending), {@code n} (a number unique to the request),
 * {@code year} (a year unique to the request, from 2001), {@code uuid} (a random UUID).
 */
final class MatrixBodies {

    static final String RESOURCE = "/authorization-matrix-bodies.txt";
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    /** One template: headers and body, both with placeholders. */
    record Template(String name, Map<String, String> headers, String body) {}

    private final Map<String, Template> templates;

    private MatrixBodies(Map<String, Template> templates) {
        this.templates = templates;
    }

    static MatrixBodies load() throws IOException {
        Map<String, Template> out = new LinkedHashMap<>();
        try (InputStream in = Objects.requireNonNull(MatrixBodies.class.getResourceAsStream(RESOURCE), RESOURCE);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            Map<String, String> headers = null;
            StringBuilder body = null;
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("### ")) {
                    if (name != null) {
                        add(out, name, headers, body);
                    }
                    name = line.substring(4).strip();
                    headers = new LinkedHashMap<>();
                    body = new StringBuilder();
                    continue;
                }
                if (line.startsWith("#")) {
                    continue; // a comment (or a ruler of #)
                }
                if (name == null) {
                    if (!line.isBlank()) {
                        throw new IllegalArgumentException(RESOURCE + ":" + n + ": text before the first ### section");
                    }
                    continue;
                }
                if (body.isEmpty() && line.matches("[A-Za-z-]+: .*")) {
                    int colon = line.indexOf(':');
                    headers.put(
                            line.substring(0, colon), line.substring(colon + 1).strip());
                } else if (!line.isBlank() || !body.isEmpty()) {
                    body.append(line).append('\n');
                }
            }
            if (name != null) {
                add(out, name, headers, body);
            }
        }
        return new MatrixBodies(out);
    }

    private static void add(Map<String, Template> out, String name, Map<String, String> headers, StringBuilder body) {
        if (out.put(
                        name,
                        new Template(name, Map.copyOf(headers), body.toString().strip()))
                != null) {
            throw new IllegalArgumentException(RESOURCE + ": template " + name + " is given twice");
        }
    }

    /** The row's template: the one it names, else the endpoint's; null when there is none. */
    Template forRow(AuthorizationMatrix.Row row) {
        return templates.get(row.body() != null ? row.body() : row.endpoint());
    }

    Map<String, Template> all() {
        return templates;
    }

    /** Fills every placeholder of {@code text} with {@code values} (which throws for an unknown one). */
    static String expand(String text, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    sb, Matcher.quoteReplacement(values.apply(m.group(1).strip())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
