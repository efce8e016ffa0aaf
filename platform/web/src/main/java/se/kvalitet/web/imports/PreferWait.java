package se.kvalitet.web.imports;

import java.time.Duration;
import java.util.Locale;
import se.kvalitet.web.ProblemException;

/**
 * {@code Prefer: wait=N} (RFC 7240 section 4.3): how long a client will wait for an import run before the
 * service answers 202 with the run still running. Seconds, at most {@link #MAX_SECONDS} (under the gateway's
 * route timeout), {@link #DEFAULT_SECONDS} without the preference; a negative number counts as 0; other
 * preferences in the header are ignored. A wait that is not a whole number is a 400 naming {@code Prefer}.
 */
public final class PreferWait {

    public static final int DEFAULT_SECONDS = 20;
    public static final int MAX_SECONDS = 25;

    private PreferWait() {}

    /** The seconds to wait, 0 to {@link #MAX_SECONDS}; throws a 400 problem when {@code wait} is not a number. */
    public static int seconds(String prefer) {
        if (prefer == null) {
            return DEFAULT_SECONDS;
        }
        for (String part : prefer.split("[,;]")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("wait=")) {
                try {
                    return Math.max(
                            0,
                            Math.min(
                                    MAX_SECONDS, Integer.parseInt(p.substring(5).strip())));
                } catch (NumberFormatException e) {
                    throw ProblemException.invalidField("Prefer", "wait must be a number of seconds");
                }
            }
        }
        return DEFAULT_SECONDS;
    }

    /** {@link #seconds} as a duration. */
    public static Duration of(String prefer) {
        return Duration.ofSeconds(seconds(prefer));
    }
}
