package se.kvalitet.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The personnummer screening of one request body, while Jackson reads it: every string value is
 * looked at (by {@link JsonInputCustomizer}'s string deserializer); a number in free text is
 * refused or masked by the service's {@link Mode}; in a field marked
 * {@link se.kvalitet.web.privacy.Identifier} it is always refused. After reading, the refusals
 * become one 422 problem naming every field, never the number.
 */
public final class BodyScreening {

    /** What a service does with a personal identity number in free text (config {@code kvalitet.web.personal-identity-numbers}). */
    public enum Mode {
        REJECT,
        MASK
    }

    public static final String TEXT_MESSAGE = "contains a personal identity number (personnummer or samordningsnummer)";
    public static final String IDENTIFIER_MESSAGE =
            "must not be or contain a personal identity number; use a pseudonymous reference";

    private static final ThreadLocal<BodyScreening> CURRENT = new ThreadLocal<>();

    private final Mode mode;
    private final List<Problem.FieldError> refused = new ArrayList<>();

    private BodyScreening(Mode mode) {
        this.mode = mode;
    }

    /** Runs {@code read} (which deserializes a body) under screening; throws the 422 problem when a field was refused. */
    public static <T> T screen(Mode mode, Callable<T> read) throws Exception {
        BodyScreening previous = CURRENT.get();
        BodyScreening screening = new BodyScreening(mode);
        CURRENT.set(screening);
        T result;
        try {
            result = read.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
        screening.done();
        return result;
    }

    /** The screening of the body being read on this thread, or null outside a request body. */
    static BodyScreening current() {
        return CURRENT.get();
    }

    /** A string value read from the body: returned as is, masked, or recorded as refused. */
    String screen(JsonParser parser, String value, boolean identifier) {
        if (value.length() < 10 || !PersonalIdentityNumbers.containsAny(value)) {
            return value;
        }
        String field = pathOf(parser);
        if (identifier) {
            refused.add(new Problem.FieldError(field, IDENTIFIER_MESSAGE));
            return value;
        }
        if (mode == Mode.MASK) {
            return PersonalIdentityNumbers.mask(value);
        }
        refused.add(new Problem.FieldError(field, TEXT_MESSAGE));
        return value;
    }

    private void done() {
        if (!refused.isEmpty()) {
            throw refused(refused);
        }
    }

    /**
     * The 422 problem for fields holding a personal identity number: what this screening answers, and what a service
     * answers for a number it finds itself in a value the screening cannot read (e.g. percent-encoded in a URL).
     */
    public static ProblemException refused(List<Problem.FieldError> fields) {
        return ProblemException.unprocessable(
                "personal-identity-number",
                "Personal identity numbers may not be stored here; remove them and send again",
                List.copyOf(fields));
    }

    /** {@code chapters.risk.narrative}, {@code focusAreas[0]}: where the parser stands; names that are not plain become {@code ?}. */
    static String pathOf(JsonParser parser) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject()) {
                String name = c.getCurrentName();
                parts.add(0, InputRules.isPlainName(name) ? name : "?");
            }
        }
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (!b.isEmpty() && !p.startsWith("[")) {
                b.append('.');
            }
            b.append(p);
        }
        return b.isEmpty() ? "request" : b.toString();
    }
}
