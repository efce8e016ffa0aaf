package se.kvalitet.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import se.kvalitet.web.input.InputRules;

/**
 * Parses query parameters taken as strings, so a malformed value is a 400 problem naming the
 * parameter (JAX-RS would answer a failed {@code @QueryParam} conversion with a bare 404).
 */
public final class QueryParams {

    private QueryParams() {}

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be a date (YYYY-MM-DD)");
        }
        if (!InputRules.inRange(date)) {
            throw ProblemException.invalidField(name, InputRules.DATE_RANGE_MESSAGE);
        }
        return date;
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be an RFC 3339 timestamp, e.g. 2026-01-31T12:00:00Z");
        }
        if (!InputRules.inRange(instant)) {
            throw ProblemException.invalidField(name, InputRules.DATE_RANGE_MESSAGE);
        }
        return instant;
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be a UUID");
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
