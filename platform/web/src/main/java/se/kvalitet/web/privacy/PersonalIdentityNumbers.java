package se.kvalitet.web.privacy;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds Swedish personal identity numbers (personnummer, folkbokföringslagen 18 §) and
 * coordination numbers (samordningsnummer: day of birth + 60) in free text, so that they can be
 * refused or masked before anything is stored or logged.
 *
 * <p><b>Normalisation first.</b> Each character is read as Unicode NFKC (full-width digits and
 * dashes become ASCII, a no-break space a space); format characters (zero-width space, soft
 * hyphen, joiners, category Cf) and combining marks are dropped; every decimal digit of any
 * script (Arabic-Indic, Devanagari, ...) counts as its ASCII digit. Separators are whitespace,
 * dashes and hyphens of every kind (including the minus sign), dots, underscores, colons and
 * slashes; up to {@value #MAX_GAP} of them may stand between two groups of digits.
 *
 * <p><b>Candidates.</b> Groups of adjacent digits joined by short separator runs form a run.
 * <ul>
 * <li>A group of 10 digits ({@code YYMMDDNNNC}) or 12 digits ({@code YYYYMMDDNNNC}) is a
 * candidate, as is a group of 6 or 8 digits followed by one separator run and a group of exactly
 * 4 ({@code YYMMDD-NNNC}, {@code YYMMDD+NNNC} for a person of 100 or more, {@code YYYYMMDD NNNC},
 * {@code 121212.1212}, {@code 121212_1212} ...). Other digits around it do not matter, as long as
 * they are not directly attached.</li>
 * <li>A whole run of 10 or 12 digits split in another way is a candidate when its splits fall on
 * the parts of the number ({@code 12 12 12-1212}, {@code 1912.12.12 1212}) or when it is written
 * digit by digit or in pairs ({@code 1 2 1 2 1 2 - 1 2 1 2}).</li>
 * </ul>
 * A candidate counts when its date part is a real calendar date (for a coordination number the
 * day minus 60; centuries 18-20 in the twelve-digit form) and its last digit is the Luhn check
 * digit of the ten-digit form.
 *
 * <p><b>False positives.</b> Dates, date ranges ({@code 2025-01-01 – 2025-12-31}), times, phone
 * numbers as people write them ({@code 070-123 45 67}), case numbers and amounts in thousands
 * ({@code 1 212 121 212}) are not flagged unless they are, digit for digit and with their splits
 * on a personnummer's parts, a valid number; about one in ten ten-digit numbers that start with a
 * date pass the Luhn check, and those are treated as personnummer, which errs on the side of the
 * person. Not found: a number whose digits are mixed with other digits in one run split off the
 * number's parts, or spelled in words.
 *
 * <p><b>UUIDs.</b> Digits inside a UUID ({@code 8-4-4-4-12} hexadecimal digits) are not a number:
 * a random UUID, which every id, idempotency key and correlation id of the suite may be, would
 * otherwise look like a valid personnummer about once in 10 000 (its digit runs and hyphens form
 * dates with a correct check digit by chance), and a report, a path or a retry would be refused.
 */
public final class PersonalIdentityNumbers {

    private static final java.util.regex.Pattern UUID_SHAPE = java.util.regex.Pattern.compile(
            "(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])");

    /** What a masked number is replaced with. */
    public static final String MASK = "[personnummer borttaget]";

    /** The most separator characters between two groups of digits of one number (e.g. {@code " – "}). */
    static final int MAX_GAP = 3;

    /**
     * How the digits of a number may be split when written other than {@code YYMMDD-NNNC}: the
     * date part whole or split into all its parts, the serial number apart or not. Splits elsewhere
     * ({@code 2005/12-1234}, a diarienummer) are another kind of number.
     */
    private static final Set<List<Integer>> SPLITS_10 = Set.of(List.of(2, 4), List.of(2, 4, 6));

    private static final Set<List<Integer>> SPLITS_12 =
            Set.of(List.of(4, 6), List.of(4, 6, 8), List.of(2, 4, 6), List.of(2, 4, 6, 8), List.of(2), List.of(2, 8));

    private PersonalIdentityNumbers() {}

    /** Where a number was found: character offsets in the original text, end exclusive. */
    public record Match(int start, int end, boolean coordinationNumber) {}

    public static boolean containsAny(String text) {
        return !find(text).isEmpty();
    }

    public static List<Match> find(String text) {
        List<Match> found = new ArrayList<>();
        if (text == null || text.length() < 10) {
            return found;
        }
        List<Group> groups = groups(text);
        int i = 0;
        while (i < groups.size()) {
            int j = i;
            while (j + 1 < groups.size() && groups.get(j + 1).linkedToPrevious != Link.NONE) {
                j++;
            }
            examineRun(groups.subList(i, j + 1), found);
            i = j + 1;
        }
        if (!found.isEmpty()) {
            java.util.regex.Matcher uuid = UUID_SHAPE.matcher(text);
            while (uuid.find()) {
                int from = uuid.start();
                int to = uuid.end();
                found.removeIf(m -> m.start() >= from && m.end() <= to);
            }
        }
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return merge(found);
    }

    /** The text with every number found replaced by {@link #MASK}; everything around it is kept. */
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

    // ---------------------------------------------------------------------------------------------

    private enum Link {
        NONE,
        SEPARATOR,
        PLUS
    }

    /** A group of adjacent digits: their ASCII values and where they stand in the original text. */
    private record Group(String digits, int start, int end, Link linkedToPrevious) {}

    /** Reads the text once, normalising as the class comment says, into groups of digits. */
    private static List<Group> groups(String text) {
        List<Group> groups = new ArrayList<>();
        StringBuilder digits = new StringBuilder();
        int groupStart = -1;
        int groupEnd = -1;
        int gap = 0; // separator characters since the last group ended
        boolean plus = false;
        boolean broken = true; // the gap holds something that is not a separator, or is too long
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            Kind kind = kindOf(cp);
            if (kind == Kind.IGNORED) {
                i = next;
                continue;
            }
            if (kind == Kind.DIGIT) {
                if (groupStart < 0) {
                    groupStart = i;
                }
                digits.append((char) ('0' + digitValue(cp)));
                groupEnd = next;
            } else {
                if (groupStart >= 0) {
                    groups.add(
                            new Group(digits.toString(), groupStart, groupEnd, pendingLink(groups, broken, gap, plus)));
                    digits.setLength(0);
                    groupStart = -1;
                    gap = 0;
                    plus = false;
                    broken = false;
                }
                if (kind == Kind.SEPARATOR || kind == Kind.PLUS) {
                    gap++;
                    plus |= kind == Kind.PLUS;
                    if (gap > MAX_GAP) {
                        broken = true;
                    }
                } else {
                    broken = true;
                }
            }
            i = next;
        }
        if (groupStart >= 0) {
            groups.add(new Group(digits.toString(), groupStart, groupEnd, pendingLink(groups, broken, gap, plus)));
        }
        return groups;
    }

    private static Link pendingLink(List<Group> groups, boolean broken, int gap, boolean plus) {
        if (groups.isEmpty() || broken || gap == 0) {
            return Link.NONE;
        }
        return plus ? Link.PLUS : Link.SEPARATOR;
    }

    private static void examineRun(List<Group> run, List<Match> found) {
        // a number in a group of its own, or written YYMMDD<separator>NNNC, whatever stands around it
        for (int k = 0; k < run.size(); k++) {
            Group g = run.get(k);
            int n = g.digits().length();
            if (n == 10 || n == 12) {
                check(g.digits(), false, g.start(), g.end(), found);
            }
            if ((n == 6 || n == 8)
                    && k + 1 < run.size()
                    && run.get(k + 1).digits().length() == 4) {
                Group serial = run.get(k + 1);
                boolean plus = serial.linkedToPrevious() == Link.PLUS;
                check(g.digits() + serial.digits(), plus, g.start(), serial.end(), found);
            }
        }
        // a number split in some other way, on its own
        if (run.size() < 2) {
            return;
        }
        StringBuilder all = new StringBuilder();
        List<Integer> splits = new ArrayList<>();
        boolean plus = false;
        int plusAt = -1;
        boolean smallGroups = true;
        for (Group g : run) {
            if (!all.isEmpty()) {
                splits.add(all.length());
                if (g.linkedToPrevious() == Link.PLUS) {
                    plus = true;
                    plusAt = all.length();
                }
            }
            all.append(g.digits());
            smallGroups &= g.digits().length() <= 2;
        }
        int n = all.length();
        if (n != 10 && n != 12) {
            return;
        }
        if (plus && (n != 10 || plusAt != 6)) {
            return;
        }
        if (smallGroups || (n == 10 ? SPLITS_10 : SPLITS_12).contains(splits)) {
            check(
                    all.toString(),
                    plus,
                    run.get(0).start(),
                    run.get(run.size() - 1).end(),
                    found);
        }
    }

    private static void check(String digits, boolean plus, int start, int end, List<Match> found) {
        String century = null;
        String ten = digits;
        if (digits.length() == 12) {
            if (plus) {
                return; // '+' marks a person of 100 or more in the ten-digit form only
            }
            century = digits.substring(0, 2);
            ten = digits.substring(2);
        }
        int yy = Integer.parseInt(ten.substring(0, 2));
        int month = Integer.parseInt(ten.substring(2, 4));
        int day = Integer.parseInt(ten.substring(4, 6));
        boolean coordination = day > 60;
        int birthDay = coordination ? day - 60 : day;
        if (isDate(century, yy, month, birthDay) && luhnValid(ten)) {
            found.add(new Match(start, end, coordination));
        }
    }

    /** Overlapping matches (the same number seen as a group and as a run) become one. */
    private static List<Match> merge(List<Match> sorted) {
        List<Match> merged = new ArrayList<>();
        for (Match m : sorted) {
            if (!merged.isEmpty() && m.start() < merged.get(merged.size() - 1).end()) {
                Match last = merged.remove(merged.size() - 1);
                merged.add(new Match(
                        last.start(),
                        Math.max(last.end(), m.end()),
                        last.coordinationNumber() || m.coordinationNumber()));
            } else {
                merged.add(m);
            }
        }
        return merged;
    }

    private enum Kind {
        DIGIT,
        SEPARATOR,
        PLUS,
        IGNORED,
        OTHER
    }

    private static Kind kindOf(int cp) {
        if (cp < 0x80) {
            return asciiKind(cp);
        }
        if (Character.isLetter(cp)) {
            return Kind.OTHER; // fast path for å, ä, ö and every other script's letters
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            return Kind.IGNORED;
        }
        if (type == Character.DECIMAL_DIGIT_NUMBER) {
            return Kind.DIGIT;
        }
        if (type == Character.DASH_PUNCTUATION
                || type == Character.CONNECTOR_PUNCTUATION
                || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || cp == 0x2212 /* minus sign */
                || cp == 0x00B7
                || cp == 0x2027
                || cp == 0x2024
                || cp == 0x2215
                || cp == 0x2044) {
            return Kind.SEPARATOR;
        }
        // compatibility forms: full-width '１', '－', '．', '＋', superscript and circled digits ...
        String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        if (nfkc.length() == 1 && nfkc.charAt(0) < 0x80) {
            return asciiKind(nfkc.charAt(0));
        }
        if (nfkc.codePointCount(0, nfkc.length()) == 1
                && Character.getType(nfkc.codePointAt(0)) == Character.DECIMAL_DIGIT_NUMBER) {
            return Kind.DIGIT;
        }
        return Kind.OTHER;
    }

    private static Kind asciiKind(int c) {
        if (c >= '0' && c <= '9') {
            return Kind.DIGIT;
        }
        return switch (c) {
            case ' ', '\t', '\n', '\r', '\u000B', '\f', '-', '.', '_', ':', '/' -> Kind.SEPARATOR;
            case '+' -> Kind.PLUS;
            default -> Kind.OTHER;
        };
    }

    private static int digitValue(int cp) {
        int d = Character.digit(cp, 10);
        if (d >= 0) {
            return d;
        }
        String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        return Character.digit(nfkc.codePointAt(0), 10);
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
