package se.kvalitet.web.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The rules every value from outside meets before a service sees it (platform/web README,
 * "Input rules"): no control characters, dates within {@value #MIN_YEAR}-{@value #MAX_YEAR}, and
 * names echoed back in a problem only when they are plain names.
 */
public final class InputRules {

    /** Dates and timestamps in bodies and parameters lie in these years (PostgreSQL's range is wider; a year beyond 9999 is always a mistake). */
    public static final int MIN_YEAR = 1900;

    public static final int MAX_YEAR = 9999;
    public static final LocalDate MIN_DATE = LocalDate.of(MIN_YEAR, 1, 1);
    public static final LocalDate MAX_DATE = LocalDate.of(MAX_YEAR, 12, 31);
    public static final Instant MIN_INSTANT = MIN_DATE.atStartOfDay().toInstant(ZoneOffset.UTC);
    public static final Instant MAX_INSTANT =
            MAX_DATE.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1);

    public static final String CONTROL_CHARACTER_MESSAGE =
            "must not contain control characters (only tab, line feed and carriage return are allowed)";
    public static final String DATE_RANGE_MESSAGE = "must be a date between " + MIN_DATE + " and " + MAX_DATE;
    public static final String YEAR_RANGE_MESSAGE = "must be a year between " + MIN_YEAR + " and " + MAX_YEAR;

    /** A field or parameter name that may be echoed in a problem: a plain identifier, not a personnummer. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private InputRules() {}

    /**
     * The index of the first character no text may hold, or -1: C0 controls other than tab, line
     * feed and carriage return (NUL above all: PostgreSQL refuses it), DEL, C1 controls and
     * unpaired surrogates (not Unicode text; they cannot be encoded as UTF-8).
     */
    public static int forbiddenCharacterAt(String s) {
        if (s == null) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean hasForbiddenCharacter(String s) {
        return forbiddenCharacterAt(s) >= 0;
    }

    /** Whether a date-time value lies in the accepted range; other types are accepted. */
    public static boolean inRange(Object value) {
        if (value instanceof LocalDate d) {
            return !d.isBefore(MIN_DATE) && !d.isAfter(MAX_DATE);
        }
        if (value instanceof Instant i) {
            return !i.isBefore(MIN_INSTANT) && !i.isAfter(MAX_INSTANT);
        }
        if (value instanceof OffsetDateTime t) {
            return inRange(t.toInstant());
        }
        if (value instanceof ZonedDateTime t) {
            return inRange(t.toInstant());
        }
        if (value instanceof LocalDateTime t) {
            return inRange(t.toLocalDate());
        }
        if (value instanceof YearMonth ym) {
            return yearInRange(ym.getYear());
        }
        if (value instanceof Year y) {
            return yearInRange(y.getValue());
        }
        return true;
    }

    public static boolean yearInRange(long year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    /**
     * Integer fields and parameters named {@code year} or ending in {@code Year} ({@code fromYear})
     * are years and meet the same range, so {@code Year.of(2147483647)} never runs.
     */
    public static boolean isYearName(String name) {
        return name != null && (name.equals("year") || name.endsWith("Year"));
    }

    /** Whether a name taken from a request may be echoed in a problem. */
    public static boolean isPlainName(String name) {
        return name != null && PLAIN_NAME.matcher(name).matches() && !PersonalIdentityNumbers.containsAny(name);
    }
}
