package se.kvalitet.web.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Swedish personal identity numbers (personnummer, folkbokföringslagen 18 §) and
 * coordination numbers (samordningsnummer: day of birth + 60) in free text, so that they can be
 * refused or masked before anything is stored.
 *
 * <p>A candidate is 10 digits ({@code YYMMDDNNNC}, optionally with {@code -} or {@code +} before
 * the last four) or 12 digits ({@code YYYYMMDDNNNC}, optionally with {@code -}), not part of a
 * longer run of digits, whose date part is a real calendar date (for a coordination number the
 * day minus 60) and whose last digit is the Luhn check digit of the ten-digit form. Dates, phone
 * numbers, case numbers and amounts are not flagged unless they satisfy all of that; a ten-digit
 * number that does (about one in ten of all numbers that look like a date) is treated as a
 * personnummer, which errs on the side of the person.
 */
public final class PersonalIdentityNumbers {

    /** What a masked number is replaced with. */
    public static final String MASK = "[personnummer borttaget]";

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![0-9])(?:(\\d{2})?(\\d{2})(\\d{2})(\\d{2})([-+]?)(\\d{3})(\\d))(?![0-9])");

    private PersonalIdentityNumbers() {
    }

    /** Where a number was found: character offsets in the text, end exclusive. */
    public record Match(int start, int end, boolean coordinationNumber) {
    }

    public static boolean containsAny(String text) {
        return !find(text).isEmpty();
    }

    public static List<Match> find(String text) {
        List<Match> found = new ArrayList<>();
        if (text == null || text.length() < 10) {
            return found;
        }
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String century = m.group(1);
            String separator = m.group(5);
            if (century != null && "+".equals(separator)) {
                continue; // '+' marks a person of 100 or more in the ten-digit form only
            }
            int yy = Integer.parseInt(m.group(2));
            int month = Integer.parseInt(m.group(3));
            int day = Integer.parseInt(m.group(4));
            boolean coordination = day > 60;
            int birthDay = coordination ? day - 60 : day;
            if (!isDate(century, yy, month, birthDay)) {
                continue;
            }
            String tenDigits = m.group(2) + m.group(3) + m.group(4) + m.group(6) + m.group(7);
            if (luhnValid(tenDigits)) {
                found.add(new Match(m.start(), m.end(), coordination));
            }
        }
        return found;
    }

    /** The text with every number found replaced by {@link #MASK}. */
    public static String mask(String text) {
        List<Match> matches = find(text);
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Match match : matches) {
            sb.append(text, at, match.start()).append(MASK);
            at = match.end();
        }
        return sb.append(text.substring(at)).toString();
    }

    private static boolean isDate(String century, int yy, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int year;
        if (century != null) {
            int c = Integer.parseInt(century);
            if (c < 18 || c > 20) {
                return false;
            }
            year = c * 100 + yy;
        } else {
            year = 2000 + yy; // the century is unknown; 2000-2099 has the same leap years as 1900-1999 but 1900
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Luhn (mod 10) over the ten-digit form: weights 2,1,2,1,... from the left. */
    static boolean luhnValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int d = tenDigits.charAt(i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
