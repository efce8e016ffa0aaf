package se.kvalitet.deviation.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a deadline runs: exact time ({@code 72h}, or ISO-8601 {@code PT72H}), calendar days
 * ({@code 7d}: the same local time that many days later) or working days ({@code 2wd}: by the end
 * of the n-th Swedish working day after the day the clock started).
 */
public record ClockPolicy(Unit unit, long amount, Duration exact) {

    public enum Unit {
        EXACT,
        CALENDAR_DAYS,
        WORKING_DAYS
    }

    private static final Pattern SHORT = Pattern.compile("(\\d{1,5})(h|d|wd)");

    public static ClockPolicy parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "h" -> new ClockPolicy(Unit.EXACT, n * 3600, Duration.ofHours(n));
                case "d" -> new ClockPolicy(Unit.CALENDAR_DAYS, n, null);
                default -> new ClockPolicy(Unit.WORKING_DAYS, n, null);
            };
        }
        if (t.startsWith("p")) {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a clock policy must be positive: " + text);
            }
            return new ClockPolicy(Unit.EXACT, d.toSeconds(), d);
        }
        throw new IllegalArgumentException("not a clock policy (use e.g. 72h, 7d, 2wd or PT72H): " + text);
    }

    /** When a clock started at {@code start} is due, in Swedish local time. */
    public Instant due(Instant start, ZoneId zone) {
        return switch (unit) {
            case EXACT -> start.plus(exact);
            case CALENDAR_DAYS ->
                ZonedDateTime.ofInstant(start, zone).plusDays(amount).toInstant();
            case WORKING_DAYS -> {
                LocalDate last = SwedishCalendar.addWorkingDays(LocalDate.ofInstant(start, zone), (int) amount);
                yield last.plusDays(1).atStartOfDay(zone).toInstant();
            }
        };
    }

    @Override
    public String toString() {
        return switch (unit) {
            case EXACT -> exact.toString();
            case CALENDAR_DAYS -> amount + "d";
            case WORKING_DAYS -> amount + "wd";
        };
    }
}
