package se.kvalitet.web.input;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every request body under {@link BodyScreening}, with the service's policy for personal
 * identity numbers in free text: {@code kvalitet.web.personal-identity-numbers} = {@code REJECT}
 * (default: a 422 naming every field) or {@code MASK} (numbers replaced, identifiers still refused).
 */
@Provider
public class BodyScreeningInterceptor implements ReaderInterceptor {

    @ConfigProperty(name = "kvalitet.web.personal-identity-numbers", defaultValue = "REJECT")
    BodyScreening.Mode mode;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = read(context);
        if (body == null && !optional(context)) {
            throw RequestBodies.missing(); // whitespace only, or the JSON literal null
        }
        return body;
    }

    private static boolean optional(ReaderInterceptorContext context) {
        for (var a : context.getAnnotations()) {
            if (a instanceof OptionalBody) {
                return true;
            }
        }
        return false;
    }

    private Object read(ReaderInterceptorContext context) throws IOException {
        try {
            return BodyScreening.screen(mode, () -> {
                try {
                    return context.proceed();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
