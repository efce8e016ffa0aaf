package se.kvalitet.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import se.kvalitet.web.input.InputRejectedException;
import se.kvalitet.web.input.InputRules;
import se.kvalitet.web.input.ParameterProblem;

/**
 * Every error leaves a service as {@code application/problem+json}: bad input as a 4xx that names
 * the fields, never a stack trace; an unexpected failure as a 500 that carries only the
 * correlation id (the stack trace goes to the log).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static String correlationId() {
        Object id = MDC.get(CorrelationIdFilter.MDC_KEY);
        return id == null ? null : id.toString();
    }

    static Response problem(
            int status,
            String slug,
            String title,
            String detail,
            List<Problem.FieldError> errors,
            Map<String, Object> extensions) {
        return new Problem(slug, title, status, detail, correlationId(), errors, extensions).toResponse();
    }

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e) {
        return problem(e.status(), e.slug(), e.title(), e.getMessage(), e.errors(), e.extensions());
    }

    @ServerExceptionMapper(priority = 1)
    public Response mapViolations(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(400, "validation", "Invalid request", detail, errors, null);
    }

    /** The JSON path of a violation inside the request body, or the query/path parameter's name. */
    static String fieldOf(ConstraintViolation<?> v) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
            } else if (node.getKey() != null && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getKey() + "]");
            }
            if (name != null && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        if (parts.isEmpty()) {
            return parameter == null ? "request" : parameter;
        }
        return String.join(".", parts);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mapJson(JsonProcessingException e) {
        if (e instanceof InputRejectedException r) {
            String field = path(r);
            field = field.isEmpty() ? "request" : field;
            return problem(
                    400,
                    "validation",
                    "Invalid request",
                    field + " " + r.fieldMessage(),
                    List.of(new Problem.FieldError(field, r.fieldMessage())),
                    null);
        }
        if (e instanceof StreamConstraintsException) {
            return problem(
                    400,
                    "malformed-json",
                    "Malformed JSON",
                    "The request body exceeds a limit of the JSON reader (nesting depth, length of a number, a string or a name)",
                    List.of(),
                    null);
        }
        if (e instanceof JsonParseException) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            String message = e.getOriginalMessage();
            String detail = message != null && message.startsWith("Duplicate field")
                    ? "The request body gives a key twice in one object" + where
                    : "The request body is not valid JSON" + where;
            return problem(400, "malformed-json", "Malformed JSON", detail, List.of(), null);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            // the key is the client's text: named only when it is a plain name (never a personnummer or a control
            // character)
            String field = path(u);
            boolean named = !field.isEmpty() && !field.endsWith("?");
            if (!named) {
                return problem(
                        400,
                        "unknown-field",
                        "Invalid request",
                        "The request has an unknown field",
                        List.of(new Problem.FieldError("request", "has an unknown field")),
                        null);
            }
            return problem(
                    400,
                    "unknown-field",
                    "Invalid request",
                    "Unknown field " + field,
                    List.of(new Problem.FieldError(field, "is not a field of this request")),
                    null);
        }
        if (e instanceof InvalidFormatException f) {
            String field = path(f);
            String message;
            if (f.getTargetType() != null && f.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants());
            } else {
                message = "is not a valid " + typeName(f.getTargetType());
            }
            return problem(
                    400,
                    "validation",
                    "Invalid request",
                    field + " " + message,
                    List.of(new Problem.FieldError(field, message)),
                    null);
        }
        if (e instanceof MismatchedInputException m) {
            String field = path(m);
            String message =
                    m.getTargetType() == null ? "has the wrong type" : "must be a " + typeName(m.getTargetType());
            if (field.isEmpty()) {
                String original = m.getOriginalMessage();
                String detail = original != null && original.startsWith("Trailing token")
                        ? "The request body has more after its JSON document"
                        : original != null && original.startsWith("No content to map")
                                ? "The request body is empty; this operation needs a JSON document"
                                : "The request body does not have the expected shape";
                return problem(400, "malformed-json", "Malformed JSON", detail, List.of(), null);
            }
            return problem(
                    400,
                    "validation",
                    "Invalid request",
                    field + " " + message,
                    List.of(new Problem.FieldError(field, message)),
                    null);
        }
        if (e instanceof JsonMappingException m) {
            // e.g. a value a record constructor or a UUID/date deserializer rejected
            String field = path(m);
            String message = "has an invalid value";
            return problem(
                    400,
                    "validation",
                    "Invalid request",
                    (field.isEmpty() ? "request" : field) + " " + message,
                    List.of(new Problem.FieldError(field.isEmpty() ? "request" : field, message)),
                    null);
        }
        return problem(400, "malformed-json", "Malformed JSON", "The request body could not be read", List.of(), null);
    }

    // Quarkus REST ships mappers for these exact types; ours must name them too to take precedence.
    @ServerExceptionMapper(priority = 1)
    public Response mapMismatchedInput(MismatchedInputException e) {
        return mapJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mapInvalidFormat(InvalidFormatException e) {
        return mapJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mapUnrecognizedProperty(UnrecognizedPropertyException e) {
        return mapJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mapJsonParse(JsonParseException e) {
        return mapJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mapJsonMapping(JsonMappingException e) {
        return mapJson(e);
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "UUID";
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> "RFC 3339 timestamp";
            case "Integer", "int", "Long", "long" -> "whole number";
            case "BigDecimal", "Double", "double" -> "number";
            case "Boolean", "boolean" -> "boolean";
            case "String" -> "string";
            case "List", "Set", "Collection" -> "array";
            default -> type.isEnum() ? "value" : "object";
        };
    }

    /** The JSON path of the failure; a name that is not a plain name (a map key, an unknown key) shows as {@code ?}. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(InputRules.isPlainName(r.getFieldName()) ? r.getFieldName() : "?");
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    @ServerExceptionMapper
    public Response mapUnauthorized(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response mapAuthenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    private static Response unauthorized() {
        Response r = problem(401, "unauthorized", "Unauthorized", "A valid bearer token is required", List.of(), null);
        return Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response mapForbidden(ForbiddenException e) {
        return problem(403, "forbidden", "Forbidden", "Your roles do not allow this operation", List.of(), null);
    }

    /**
     * The database refused a value the service let through (a safety net behind validation): a data
     * exception (SQLState class 22: too long, out of range, invalid text) is the request's fault, a
     * unique violation a conflict, another integrity violation an unprocessable request. Named
     * without the value or the column.
     */
    static Response databaseRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (concurrentChange(t)) {
                return concurrentChangeProblem();
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01")) {
                    // serialization failure, deadlock: two requests changed the same rows at once
                    return concurrentChangeProblem();
                }
                if (state.startsWith("22")) {
                    return problem(
                            400,
                            "validation",
                            "Invalid request",
                            "A value in the request does not fit what is stored (too long, out of range or not valid text)",
                            List.of(),
                            null);
                }
                if (state.equals("23505")) {
                    return problem(
                            409,
                            "conflict",
                            "Conflict",
                            "A record with the same unique values exists",
                            List.of(),
                            null);
                }
                if (state.startsWith("23")) {
                    return problem(
                            422,
                            "integrity",
                            "Unprocessable request",
                            "The request refers to something that does not exist or breaks a rule of the stored data",
                            List.of(),
                            null);
                }
                return null;
            }
        }
        return null;
    }

    @ServerExceptionMapper(priority = 1)
    public Response mapParameter(ParameterProblem e) {
        return problem(
                400,
                "validation",
                "Invalid request",
                e.parameter() + " " + e.fieldMessage(),
                List.of(new Problem.FieldError(e.parameter(), e.fieldMessage())),
                null);
    }

    /** A date computed from the request's values left the calendar (e.g. a year of 2147483647). */
    @ServerExceptionMapper
    public Response mapDateTime(DateTimeException e) {
        return problem(
                400,
                "validation",
                "Invalid request",
                "A date or time in the request is out of range (" + InputRules.DATE_RANGE_MESSAGE + ")",
                List.of(),
                null);
    }

    /**
     * An optimistic-lock failure (JPA's {@code OptimisticLockException}, Hibernate's {@code StaleStateException}:
     * another request changed or removed the same row between this one's read and its write). Known by class name,
     * so this module needs no persistence dependency.
     */
    static boolean concurrentChange(Throwable t) {
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals("jakarta.persistence.OptimisticLockException")
                    || name.equals("org.hibernate.StaleStateException")
                    || name.equals("org.hibernate.dialect.lock.OptimisticEntityLockException")) {
                return true;
            }
        }
        return false;
    }

    /** 409 with Retry-After: the request lost a race with another one on the same record; read it again and retry. */
    static Response concurrentChangeProblem() {
        return Response.fromResponse(problem(
                        409,
                        "concurrent-change",
                        "Conflict",
                        "Another request changed the same record at the same time; read it again and retry",
                        List.of(),
                        null))
                .header("Retry-After", "1")
                .build();
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e) {
        if (e instanceof ParameterProblem p) {
            return mapParameter(p);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers a path or query parameter that does not convert with a 404 that wraps the failure
            return problem(
                    400,
                    "validation",
                    "Invalid request",
                    "A path or query parameter has an invalid value",
                    List.of(new Problem.FieldError("parameter", "has an invalid value")),
                    null);
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                // the JSON reader wraps Jackson's failures (e.g. a body that ends too early) in a 400
                return mapJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", SafeThrowables.redacted(e));
            return problem(status, "internal", "Internal error", "The request could not be completed", List.of(), null);
        }
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = status == 404 ? "No such resource" : type.getReasonPhrase();
        Response r = problem(status, slug, type.getReasonPhrase(), detail, List.of(), null);
        Response.ResponseBuilder b = Response.fromResponse(r);
        e.getResponse().getHeaders().forEach((k, v) -> {
            if (k.equalsIgnoreCase(HttpHeaders.ALLOW) || k.equalsIgnoreCase(HttpHeaders.WWW_AUTHENTICATE)) {
                v.forEach(x -> b.header(k, x));
            }
        });
        return b.build();
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Exception e) {
        Response refused = databaseRefusal(e);
        if (refused != null) {
            return refused;
        }
        // messages redacted: a database error quotes the values it could not store
        LOG.errorf(SafeThrowables.redacted(e), "Unexpected failure (correlation id %s)", correlationId());
        return problem(
                500,
                "internal",
                "Internal error",
                "The request could not be completed; quote the correlation id when reporting this",
                List.of(),
                null);
    }
}
