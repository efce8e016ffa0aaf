package se.kvalitet.deviation.domain;

/**
 * A rule of a category refused what was asked; the application layer turns it into a 422 problem
 * of the given type naming {@link #field()} (null: no single field is at fault).
 */
public class RuleViolation extends RuntimeException {

    private final String type;
    private final String field;
    private final String reason;

    public RuleViolation(String type, String detail, String field, String reason) {
        super(detail);
        this.type = type;
        this.field = field;
        this.reason = reason;
    }

    public static RuleViolation assessment(String detail, String field, String reason) {
        return new RuleViolation("assessment-not-allowed", detail, field, reason);
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
