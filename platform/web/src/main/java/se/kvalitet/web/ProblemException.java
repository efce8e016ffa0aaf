package se.kvalitet.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by resources and services for an expected error; mapped to a problem+json response.
 * The message is the problem's {@code detail}, shown to the client: never put personal data in it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
    }

    /** Adds an extension member (e.g. {@code currentState}, {@code existingId}). */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " was not found");
    }

    public static ProblemException badRequest(String slug, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, slug, "Invalid request", detail, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                400,
                "validation",
                "Invalid request",
                field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException unprocessable(String slug, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(422, slug, "Unprocessable request", detail, errors);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
