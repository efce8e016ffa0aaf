package se.kvalitet.web.openapi;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Adds {@code Deprecation} (RFC 9745: a Structured Field Date, {@code @<epoch seconds>}),
 * {@code Sunset} (RFC 8594: an HTTP-date) and {@code Link: <successor>; rel="successor-version"}
 * to every answer of an operation marked {@link DeprecatedOperation}, errors included, so a client
 * learns it on whatever it gets back.
 */
@Provider
public class DeprecationHeaders implements ContainerResponseFilter {

    public static final String DEPRECATION = "Deprecation";
    public static final String SUNSET = "Sunset";
    static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        DeprecatedOperation marked = marking(resource);
        if (marked == null) {
            return;
        }
        response.getHeaders().putSingle(DEPRECATION, deprecation(marked.since()));
        response.getHeaders().putSingle(SUNSET, sunset(marked.sunset()));
        if (!marked.successor().isBlank()) {
            response.getHeaders().add("Link", "<" + marked.successor() + ">; rel=\"successor-version\"");
        }
    }

    static DeprecatedOperation marking(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Method method = resource.getResourceMethod();
        DeprecatedOperation onMethod = method.getAnnotation(DeprecatedOperation.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(DeprecatedOperation.class);
    }

    /** RFC 9745 §2.1: {@code @} and the seconds since the epoch of the day's start (UTC). */
    static String deprecation(String day) {
        return "@" + LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** RFC 8594 §3: an IMF-fixdate, the day's start (UTC). */
    static String sunset(String day) {
        return IMF_FIXDATE.format(LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC));
    }
}
