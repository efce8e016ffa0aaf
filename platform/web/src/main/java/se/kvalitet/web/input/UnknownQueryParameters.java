package se.kvalitet.web.input;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * A query parameter the matched operation does not take is a 400 problem naming it (issue 16 item 3): a
 * misspelt or unsupported filter ({@code asOf} where the operation has none, {@code unitid} for
 * {@code unitId}) would otherwise be ignored and the caller would get an answer to a question it did not
 * ask. The operation's parameters are the {@code @QueryParam}s of the resource method, of its
 * {@code @BeanParam}s (nested ones too) and of the resource class's fields; read once per method.
 *
 * <p>Names are echoed only when they are plain names ({@link InputRules#isPlainName}); anything else is
 * "a query parameter". Runs after matching, so an unknown path is still a 404 and a wrong method a 405.
 */
public class UnknownQueryParameters {

    private static final Map<Method, Set<String>> TAKEN = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = 300)
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> query = request.getUriInfo().getQueryParameters().keySet();
        if (query.isEmpty()) {
            return;
        }
        Set<String> taken = TAKEN.computeIfAbsent(method, m -> taken(resource.getResourceClass(), m));
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (String name : query) {
            if (!taken.contains(name)) {
                String shown = InputRules.isPlainName(name) ? name : "query parameter";
                if (unknown.add(shown)) {
                    errors.add(new Problem.FieldError(shown, "this operation takes no such query parameter"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(
                    "unknown-query-parameter",
                    "Unknown query parameter" + (unknown.size() == 1 ? "" : "s") + ": " + String.join(", ", unknown)
                            + (taken.isEmpty()
                                    ? "; this operation takes no query parameters"
                                    : "; this operation takes " + String.join(", ", new TreeSet<>(taken))),
                    errors);
        }
    }

    /** The query parameter names an operation takes. */
    static Set<String> taken(Class<?> resourceClass, Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter p : method.getParameters()) {
            collect(p, p.getType(), names, 0);
        }
        if (resourceClass != null) {
            fields(resourceClass, names, 0);
        }
        return Set.copyOf(names);
    }

    private static void collect(AnnotatedElement element, Class<?> type, Set<String> names, int depth) {
        QueryParam q = element.getAnnotation(QueryParam.class);
        if (q != null) {
            names.add(q.value());
        }
        if (element.isAnnotationPresent(BeanParam.class) && depth < 5) {
            fields(type, names, depth + 1);
            for (Method setter : type.getMethods()) {
                QueryParam sq = setter.getAnnotation(QueryParam.class);
                if (sq != null) {
                    names.add(sq.value());
                }
            }
            for (var constructor : type.getDeclaredConstructors()) {
                for (Parameter p : constructor.getParameters()) {
                    collect(p, p.getType(), names, depth + 1);
                }
            }
        }
    }

    private static void fields(Class<?> type, Set<String> names, int depth) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                collect(f, f.getType(), names, depth);
            }
        }
    }
}
