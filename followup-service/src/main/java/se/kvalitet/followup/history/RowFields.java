package se.kvalitet.followup.history;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.input.InputRules;

/**
 * The text fields of one import row and what is wrong with them so far: typed readers that add an error naming the
 * field (never the value) and return null when a value is missing or malformed.
 */
public final class RowFields {

    private final Map<String, String> fields;
    private final List<FieldError> errors;

    RowFields(Map<String, String> fields, List<FieldError> errors) {
        this.fields = fields;
        this.errors = errors;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        String v = fields.get(field);
        return v != null && !v.isBlank();
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** An error on {@code field} unless it has one already. */
    public void errorOnce(String field, String message) {
        if (errors.stream().noneMatch(e -> e.field().equals(field))) {
            error(field, message);
        }
    }

    /** Each of {@code names} that is present is an error: "not a field of …". */
    public void notFor(Set<String> names, String what) {
        for (String name : names) {
            if (has(name)) {
                error(name, "not a field of " + what);
            }
        }
    }

    private String raw(String field, boolean required) {
        String v = fields.get(field);
        if (InputRules.hasForbiddenCharacter(v)) {
            error(field, InputRules.CONTROL_CHARACTER_MESSAGE);
            return null;
        }
        if (v == null || v.isBlank()) {
            if (required) {
                error(field, "required");
            }
            return null;
        }
        return v.strip();
    }

    /** Text of at most {@code max} characters, without a personal identity number. */
    public String text(String field, int max, boolean required) {
        String v = raw(field, required);
        if (v != null && v.length() > max) {
            error(field, "at most " + max + " characters");
            return null;
        }
        if (TextGuard.refuses(v)) {
            error(field, "contains a personal identity number (personnummer or samordningsnummer)");
            return null;
        }
        return v;
    }

    /** A day, YYYY-MM-DD, between 1900-01-01 and 9999-12-31. */
    public LocalDate date(String field, boolean required) {
        String v = raw(field, required);
        if (v == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(v);
            if (!InputRules.inRange(day)) {
                error(field, InputRules.DATE_RANGE_MESSAGE);
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            error(field, "must be a date YYYY-MM-DD, such as 2023-03-14");
            return null;
        }
    }

    public UUID uuid(String field, boolean required) {
        String v = raw(field, required);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() != 36) {
                throw new IllegalArgumentException("not 36 characters");
            }
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            error(field, "must be a UUID");
            return null;
        }
    }

    public <E extends Enum<E>> E enumOf(String field, Class<E> type, boolean required) {
        String v = raw(field, required);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            List<String> names =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            error(field, "must be one of " + names);
            return null;
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    public Integer integer(String field, int min, int max, boolean required) {
        String v = raw(field, required);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException("out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            error(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
    }

    public Boolean bool(String field, boolean required) {
        String v = raw(field, required);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                error(field, "must be true or false");
                yield null;
            }
        };
    }

    /** {@code day} not after {@code today}: "must not be in the future". */
    public void notFuture(String field, LocalDate day, LocalDate today) {
        if (day != null && day.isAfter(today)) {
            error(field, "must not be in the future");
        }
    }

    /** {@code day} not before {@code other} (named {@code otherField}). */
    public void notBefore(String field, LocalDate day, String otherField, LocalDate other) {
        if (day != null && other != null && day.isBefore(other)) {
            error(field, "must not be before " + otherField);
        }
    }

    static RowFields of(Map<String, String> fields, List<FieldError> errors) {
        return new RowFields(fields, new ArrayList<>(errors));
    }
}
