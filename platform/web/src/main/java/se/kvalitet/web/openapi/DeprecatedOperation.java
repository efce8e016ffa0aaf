package se.kvalitet.web.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation of v1 that clients should stop using (the versioning policy, root README): every
 * answer carries {@code Deprecation} (RFC 9745, the day it was deprecated), {@code Sunset} (RFC 8594,
 * the first day it may be gone) and, when there is one, {@code Link: <successor>;
 * rel="successor-version"} ({@link DeprecationHeaders}). Mark the operation
 * {@code @Operation(deprecated = true)} as well: the OpenAPI document then says so, and the
 * {@link ContractFilter} documents the headers on its responses.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface DeprecatedOperation {

    /** The day it was deprecated (ISO 8601, e.g. 2026-12-05). */
    String since();

    /** The first day it may no longer answer (ISO 8601); at least six months after {@link #since()}. */
    String sunset();

    /** The path (from the root of the API) of what replaces it, if anything. */
    String successor() default "";
}
