package se.kvalitet.web;

import java.util.List;

/**
 * The suite's one rule for what a request body points at (org units, people, other objects), so a
 * refused reference reads the same in every service:
 * <ul>
 * <li>{@link #foreign}: 403 {@code foreign-reference} naming the field: the reference lies outside
 * what the caller may act for (a unit outside their part of the organisation, a unit a case's work
 * may not be attributed to). Scope is checked first, so a unit outside it is a 403 whether it exists
 * or not.</li>
 * <li>{@link #unknown}: 422 {@code unknown-reference} naming the field: the referenced object does not
 * exist (in the service or its local copy), is no longer usable, or the caller cannot see it; the
 * same answer in every case, so nothing about invisible objects leaks.</li>
 * </ul>
 * Either way nothing is stored: services check references before they change anything.
 */
public final class ReferenceProblems {

    public static final String UNKNOWN = "unknown-reference";
    public static final String FOREIGN = "foreign-reference";

    private ReferenceProblems() {}

    /** 422: one or more referenced objects do not exist or are not visible to the caller. */
    public static ProblemException unknown(List<Problem.FieldError> errors) {
        return new ProblemException(
                422,
                UNKNOWN,
                "Unknown reference",
                "Some referenced objects do not exist or are not visible to you",
                errors);
    }

    public static ProblemException unknown(String field, String message) {
        return unknown(List.of(new Problem.FieldError(field, message)));
    }

    /** 403: the reference exists but lies outside what the caller may act for. */
    public static ProblemException foreign(String field, String message) {
        return new ProblemException(
                403, FOREIGN, "Forbidden", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }
}
