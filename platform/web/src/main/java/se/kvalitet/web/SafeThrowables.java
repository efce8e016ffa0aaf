package se.kvalitet.web;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * A copy of an exception chain fit for the log: the same classes and stack traces, with every
 * message stripped of what may be a request's text (quoted values, {@code (column)=(value)} pairs,
 * personal identity numbers) and cut short. PostgreSQL's driver quotes the values it could not
 * store, and a service must not log a request's free text.
 */
public final class SafeThrowables {

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'|«[^»]*»");
    private static final Pattern KEY_VALUE = Pattern.compile("=\\([^)]*\\)");
    private static final int MAX_MESSAGE = 300;

    private SafeThrowables() {}

    public static Throwable redacted(Throwable t) {
        return copy(t, new IdentityHashMap<>(), 0);
    }

    /** A message with quoted values, key values and personal identity numbers replaced, at most {@value #MAX_MESSAGE} characters. */
    public static String redact(String message) {
        if (message == null) {
            return null;
        }
        String m = QUOTED.matcher(message).replaceAll("\"…\"");
        m = KEY_VALUE.matcher(m).replaceAll("=(…)");
        m = PersonalIdentityNumbers.mask(m);
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m;
    }

    private static Throwable copy(Throwable t, Map<Throwable, Throwable> seen, int depth) {
        if (t == null || depth > 20 || seen.containsKey(t)) {
            return null;
        }
        seen.put(t, t);
        Throwable cause = copy(t.getCause(), seen, depth + 1);
        Redacted r = new Redacted(
                t.getClass().getName() + (t.getMessage() == null ? "" : ": " + redact(t.getMessage())), cause);
        r.setStackTrace(t.getStackTrace());
        return r;
    }

    /** Prints as the original exception's class and redacted message. */
    static final class Redacted extends RuntimeException {
        Redacted(String description, Throwable cause) {
            super(description, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
