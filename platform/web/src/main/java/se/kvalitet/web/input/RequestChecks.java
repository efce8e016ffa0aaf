package se.kvalitet.web.input;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * Checks made on every request before it reaches a resource (platform/web README, "Input rules"):
 * the {@code Idempotency-Key} has a strict shape and is no personal identity number (it is
 * stored); no path or query value holds a control character or a personal identity number (URLs
 * are logged); a body comes with its {@code Content-Type}. Each refusal is a 400 (415 for the
 * missing type) problem that names the parameter and never echoes its value.
 */
public class RequestChecks {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The shape of an {@code Idempotency-Key} (a UUID fits, so does {@code kb-2025-a}). */
    public static final Pattern IDEMPOTENCY_KEY_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @ServerRequestFilter(preMatching = true, priority = 200)
    public void check(ContainerRequestContext request) {
        String key = request.getHeaderString(IDEMPOTENCY_KEY);
        if (key != null
                && (!IDEMPOTENCY_KEY_PATTERN.matcher(key).matches() || PersonalIdentityNumbers.containsAny(key))) {
            throw ProblemException.invalidField(
                    IDEMPOTENCY_KEY,
                    "must be 1-100 letters A-Z, digits or . _ : - (a UUID, for example), and no personal identity number");
        }
        String path = request.getUriInfo().getPath();
        if (InputRules.hasForbiddenCharacter(path)) {
            throw ProblemException.invalidField("path", InputRules.CONTROL_CHARACTER_MESSAGE);
        }
        if (PersonalIdentityNumbers.containsAny(path)) {
            throw ProblemException.invalidField("path", "must not contain a personal identity number");
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = InputRules.isPlainName(e.getKey()) ? e.getKey() : "query parameter";
            if (InputRules.hasForbiddenCharacter(e.getKey())) {
                throw ProblemException.invalidField(name, "a name " + InputRules.CONTROL_CHARACTER_MESSAGE);
            }
            for (String value : e.getValue()) {
                if (InputRules.hasForbiddenCharacter(value)) {
                    throw ProblemException.invalidField(name, InputRules.CONTROL_CHARACTER_MESSAGE);
                }
                if (PersonalIdentityNumbers.containsAny(value)) {
                    throw ProblemException.invalidField(name, "must not contain a personal identity number");
                }
            }
        }
        if (request.getMediaType() == null && hasBody(request)) {
            throw new ProblemException(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "A request body needs a Content-Type (application/json for JSON)");
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
