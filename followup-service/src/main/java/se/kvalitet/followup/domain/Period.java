package se.kvalitet.followup.domain;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A follow-up period: a year ({@code 2025}), half ({@code 2025-H1}), tertial ({@code 2025-T2}),
 * quarter ({@code 2025-Q3}) or month ({@code 2025-04}).
 */
public record Period(Type type, int year, int index) implements Comparable<Period> {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d{4})(?:-(?:(H)([12])|(T)([1-3])|(Q)([1-4])|(0[1-9]|1[0-2])))?");

    public enum Type {
        YEAR(12),
        HALF(6),
        TERTIAL(4),
        QUARTER(3),
        MONTH(1);

        final int months;

        Type(int months) {
            this.months = months;
        }
    }

    /** Parses a period code; throws {@link IllegalArgumentException} with a message a user understands. */
    public static Period parse(String code) {
        if (code == null) {
            throw new IllegalArgumentException("a period is required, e.g. 2025, 2025-H1, 2025-T2, 2025-Q3 or 2025-04");
        }
        Matcher m = FORMAT.matcher(code.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a period such as 2025, 2025-H1, 2025-T2, 2025-Q3 or 2025-04");
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1900 || year > 2200) {
            throw new IllegalArgumentException("year must be between 1900 and 2200");
        }
        if (m.group(2) != null) {
            return new Period(Type.HALF, year, Integer.parseInt(m.group(3)));
        }
        if (m.group(4) != null) {
            return new Period(Type.TERTIAL, year, Integer.parseInt(m.group(5)));
        }
        if (m.group(6) != null) {
            return new Period(Type.QUARTER, year, Integer.parseInt(m.group(7)));
        }
        if (m.group(8) != null) {
            return new Period(Type.MONTH, year, Integer.parseInt(m.group(8)));
        }
        return new Period(Type.YEAR, year, 1);
    }

    public LocalDate start() {
        return LocalDate.of(year, (index - 1) * type.months + 1, 1);
    }

    public LocalDate end() {
        return start().plusMonths(type.months).minusDays(1);
    }

    /** The period of {@code type} that contains {@code day}. */
    public static Period containing(Type type, LocalDate day) {
        return new Period(type, day.getYear(), (day.getMonthValue() - 1) / type.months + 1);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start()) && !day.isAfter(end());
    }

    /** The period of the same length just after this one. */
    public Period next() {
        int perYear = 12 / type.months;
        return index < perYear ? new Period(type, year, index + 1) : new Period(type, year + 1, 1);
    }

    /** The period of the same length just before this one (for trends). */
    public Period previous() {
        int perYear = 12 / type.months;
        return index > 1 ? new Period(type, year, index - 1) : new Period(type, year - 1, perYear);
    }

    public String code() {
        return switch (type) {
            case YEAR -> Integer.toString(year);
            case HALF -> year + "-H" + index;
            case TERTIAL -> year + "-T" + index;
            case QUARTER -> year + "-Q" + index;
            case MONTH -> "%d-%02d".formatted(year, index);
        };
    }

    @Override
    public int compareTo(Period o) {
        int c = start().compareTo(o.start());
        return c != 0 ? c : Integer.compare(o.type.months, type.months);
    }

    @Override
    public String toString() {
        return code();
    }
}
