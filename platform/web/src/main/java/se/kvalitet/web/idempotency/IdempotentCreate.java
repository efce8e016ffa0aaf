package se.kvalitet.web.idempotency;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST that creates something, that machine clients may call and that replays its first
 * response for a repeated {@code Idempotency-Key} (the same key and body answer the first response,
 * the same key with another body is a 422). {@link IdempotencyKeyRequiredFilter} then refuses a
 * machine client's request without the key with a 428 problem: a client that cannot tell whether
 * its first attempt was carried out (a 502/504 {@code outcome: unknown} from the gateway) must be
 * able to retry without creating a second record.
 *
 * <p>Put it only on an endpoint that really replays: the annotation promises that a retry with the
 * same key is safe.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface IdempotentCreate {}
