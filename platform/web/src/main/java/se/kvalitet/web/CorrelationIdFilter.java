package se.kvalitet.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * Takes the {@code X-Correlation-Id} the gateway (or a client) sent, or makes one, puts it in the
 * logging MDC (so logs and outbox events carry it) and echoes it on the response. A received id
 * that does not have the strict shape {@code [A-Za-z0-9._:-]{1,100}}, or holds a personal identity
 * number, is replaced by a fresh UUID and never logged.
 */
public class CorrelationIdFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** The id to use for a request that sent {@code received}: the same when it is well-formed, else a fresh UUID. */
    public static String accept(String received) {
        if (received == null || !SAFE.matcher(received).matches() || PersonalIdentityNumbers.containsAny(received)) {
            return UUID.randomUUID().toString();
        }
        return received;
    }

    @ServerRequestFilter(preMatching = true, priority = 100)
    public void onRequest(ContainerRequestContext request) {
        String id = accept(request.getHeaderString(HEADER));
        MDC.put(MDC_KEY, id);
        request.setProperty(MDC_KEY, id);
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id.toString());
        }
    }
}
