package se.kvalitet.web.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request field that is an identifier (a pseudonymous person reference, an external
 * system's id or name), not free text: a personal identity number in it is always refused, also
 * where the service's policy masks numbers in free text, because a masked identifier would be a
 * broken one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Identifier {}
