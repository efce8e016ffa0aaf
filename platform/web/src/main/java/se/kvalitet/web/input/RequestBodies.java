package se.kvalitet.web.input;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import se.kvalitet.web.ProblemException;

/**
 * A JSON operation called without a body is a 400 problem, not a null that fails somewhere inside
 * the service. A body parameter is one without a JAX-RS parameter annotation whose type is a
 * record, a class of this suite or a collection; {@link OptionalBody} exempts one.
 */
public class RequestBodies {

    private static final String ANNOTATIONS = "jakarta.ws.rs.";
    private static final String REST_ANNOTATIONS = "org.jboss.resteasy.reactive.Rest";
    private final Map<Method, Boolean> required = new ConcurrentHashMap<>();

    public static ProblemException missing() {
        return ProblemException.badRequest(
                "malformed-json", "The request body is empty; this operation needs a JSON document", List.of());
    }

    @ServerRequestFilter(priority = 300)
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !required.computeIfAbsent(method, RequestBodies::needsBody) || hasBody(request)) {
            return;
        }
        throw missing();
    }

    static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    static boolean needsBody(Method method) {
        for (Parameter p : method.getParameters()) {
            if (isBody(p)) {
                return p.getAnnotation(OptionalBody.class) == null;
            }
        }
        return false;
    }

    private static boolean isBody(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            String name = a.annotationType().getName();
            if ((name.startsWith(ANNOTATIONS) && !name.equals("jakarta.validation.Valid"))
                    || name.startsWith(REST_ANNOTATIONS)) {
                return false;
            }
        }
        Class<?> type = p.getType();
        return type.isRecord()
                || type.getName().startsWith("se.kvalitet.")
                || Collection.class.isAssignableFrom(type)
                || (Map.class.isAssignableFrom(type) && !type.getName().startsWith("jakarta."));
    }
}
