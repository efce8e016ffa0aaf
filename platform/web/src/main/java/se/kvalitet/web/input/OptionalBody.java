package se.kvalitet.web.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request-body parameter that may be left out (the operation has defaults for all of it).
 * Without it, a JSON operation called with no body, an empty one or {@code null} is a 400 problem
 * before the resource runs ({@link RequestBodies}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OptionalBody {}
