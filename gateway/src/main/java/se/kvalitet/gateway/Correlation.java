package se.kvalitet.gateway;

import java.util.UUID;
import java.util.regex.Pattern;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The correlation id of a request: the caller's {@code X-Correlation-Id} when it is safe to log and
 * forward, otherwise a new UUID. The same rule as the services' {@code CorrelationIdFilter}
 * (platform/web): {@code [A-Za-z0-9._:-]{1,100}}, and no personnummer (issue 13 item 4: the id is
 * written to every log line, to Kafka headers and to the access log).
 */
final class Correlation {

    static final String HEADER = "X-Correlation-Id";
    /** The key under which the request's id is kept in the routing context. */
    static final String KEY = "kvalitet.correlation-id";

    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private Correlation() {}

    /** The offered id if it may be used as it is, otherwise a new one; an offered value is never echoed otherwise. */
    static String accept(String offered) {
        if (offered != null && SAFE.matcher(offered).matches() && !PersonalIdentityNumbers.containsAny(offered)) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
