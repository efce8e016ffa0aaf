package se.kvalitet.deviation.report;

import se.kvalitet.web.ProblemException;

/** A boolean query parameter: absent, {@code true} or {@code false}; anything else is a 400 naming it. */
public final class BooleanParams {

    private BooleanParams() {}

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalidField(name, "must be true or false");
        };
    }
}
