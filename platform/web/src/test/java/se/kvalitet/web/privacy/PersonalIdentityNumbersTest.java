package se.kvalitet.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalIdentityNumbersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "121212-1212", // Skatteverket's test person, ten digits with hyphen
                "1212121212", // without separator
                "19121212-1212", // twelve digits with hyphen
                "191212121212", // twelve digits
                "121212+1212", // ten digits, 100 years or older
                "701063-2391", // samordningsnummer (day 03 + 60)
                "197010632391", // samordningsnummer, twelve digits
                "811218-9876",
                "Brukaren 121212-1212 föll i badrummet",
                "pnr:1212121212.",
                "(19121212-1212)",
                // the side doors of issue 13
                "121212 1212", // a space
                "12 12 12 1212",
                "12.12.12-1212", // dots
                "121212.1212",
                "121212\u20131212", // en dash
                "121212 \u2013 1212",
                "121212\u20141212", // em dash
                "121212\u22121212", // minus sign
                "121212\u00a01212", // no-break space
                "121212\u202f1212", // narrow no-break space
                "121212_1212", // affectedPersonRef with underscore
                "121212:1212", // ... or colon
                "12/12/12-1212",
                "1912-12-12-1212",
                "19 12 12 12 - 12 12",
                "1 2 1 2 1 2 - 1 2 1 2", // digit by digit
                "12 12 12 12 12", // in pairs
                "\uff11\uff12\uff11\uff12\uff11\uff12\uff0d\uff11\uff12\uff11\uff12", // full-width digits and hyphen
                "\u0661\u0662\u0661\u0662\u0661\u0662-\u0661\u0662\u0661\u0662", // Arabic-Indic digits
                "\u06f1\u06f2\u06f1\u06f2\u06f1\u06f2-\u06f1\u06f2\u06f1\u06f2", // Extended Arabic-Indic (Persian)
                "\u0967\u0968\u0967\u0968\u0967\u0968\u0967\u0968\u0967\u0968", // Devanagari
                "1212\u200b12-1212", // zero-width space inside
                "121212-12\u00ad12", // soft hyphen inside
                "1\u200c2\u200d1\u20602121212", // joiners and word joiner
                "12\ufeff1212-1212", // BOM / zero-width no-break space
                "121212-1212 1", // a digit after it does not hide it
                "2026-11-20 121212-1212", // nor a date before it
                "ref 121212-1212/2026"
            })
    void findsValidNumbersInEveryDisguise(String text) {
        assertThat(PersonalIdentityNumbers.containsAny(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "121212-1213", // wrong check digit
                "1212121213",
                "12 12 12-1213",
                "2026-11-20", // a date
                "20261120", // a compact date
                "2026-11-20 18:30",
                "2026-11-20T18:30:00Z",
                "2025-01-01 \u2013 2025-12-31", // a period
                "2025-01-01 - 2025-12-31",
                "2025-01-01/2025-12-31",
                "01.01.2025-31.12.2025",
                "070-123 45 67", // a mobile number as people write it
                "0701234567", // a mobile number (not Luhn-valid)
                "08-123 456 78",
                "+46 70 123 45 67",
                "123456-7890", // month 34
                "121232-1212", // day 32 (and not a coordination day)
                "120230-1234", // 30 February
                "121292-1212", // day 92: coordination numbers go to 91
                "19121212+1212", // '+' is only used in the ten-digit form
                "17121212-1212", // century 17
                "312121212121212", // a longer run of digits
                "12121212121", // eleven digits
                "AV-2026-00123", // a case number
                "Dnr SN 2026/123-1212",
                "Dnr 2005/12-1212", // a diarienummer split off a personnummer's parts
                "belopp 1 212 121 212 kr", // an amount in thousands, split off the number's parts
                "tel +46701234567",
                "121212-1212x", // letters attached do not matter ...
                "version 1.2.1.2.1.2.1.2.1.3"
            })
    void ignoresNearMisses(String text) {
        if (text.equals("121212-1212x")) {
            assertThat(PersonalIdentityNumbers.containsAny(text)).as(text).isTrue(); // ... it is still found
            return;
        }
        assertThat(PersonalIdentityNumbers.find(text)).as(text).isEmpty();
    }

    @Test
    void aRandomUuidIsNeverTakenForANumber() {
        // before UUIDs were set apart, about one random UUID in 10 000 looked like a valid personnummer
        // (the chaos benchmark's idempotency key nr 768 was refused)
        Random random = new Random(4711);
        List<String> flagged = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            String uuid = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            if (PersonalIdentityNumbers.containsAny(uuid)
                    || PersonalIdentityNumbers.containsAny("/deviation/v1/deviations/" + uuid)) {
                flagged.add(uuid);
            }
        }
        assertThat(flagged).isEmpty();
        // a number beside a UUID, or in a key that is not UUID-shaped, is still found
        assertThat(PersonalIdentityNumbers.containsAny("3f1c2a8e-5b7d-4c1e-9a0b-1d2e3f4a5b6c 19121212-1212"))
                .isTrue();
        assertThat(PersonalIdentityNumbers.containsAny("key-19121212-1212")).isTrue();
    }

    @Test
    void marksCoordinationNumbers() {
        assertThat(PersonalIdentityNumbers.find("701063-2391"))
                .singleElement()
                .satisfies(m -> assertThat(m.coordinationNumber()).isTrue());
        assertThat(PersonalIdentityNumbers.find("121212-1212"))
                .singleElement()
                .satisfies(m -> assertThat(m.coordinationNumber()).isFalse());
    }

    @Test
    void masksEveryNumberAndKeepsTheRest() {
        String masked =
                PersonalIdentityNumbers.mask("Brukare 121212-1212 och 701063-2391 fick fel dos kl 18:30 2026-11-20.");
        assertThat(masked)
                .isEqualTo(
                        "Brukare [personnummer borttaget] och [personnummer borttaget] fick fel dos kl 18:30 2026-11-20.");
        assertThat(PersonalIdentityNumbers.mask("Inget här")).isEqualTo("Inget här");
        assertThat(PersonalIdentityNumbers.mask(null)).isNull();
    }

    @Test
    void masksADisguisedNumberWithItsInnerCharactersButNotItsNeighbours() {
        assertThat(PersonalIdentityNumbers.mask("Brukare (12\u200b1212 \u2013 12\u00ad12), dos 2 mg"))
                .isEqualTo("Brukare ([personnummer borttaget]), dos 2 mg");
        assertThat(PersonalIdentityNumbers.mask(
                        "a \uff11\uff12\uff11\uff12\uff11\uff12\uff0d\uff11\uff12\uff11\uff12 b"))
                .isEqualTo("a [personnummer borttaget] b");
        assertThat(PersonalIdentityNumbers.mask("x 121212-1212 1 y")).isEqualTo("x [personnummer borttaget] 1 y");
    }

    @Test
    void findsNumbersInLongTextQuickly() {
        String filler = "Kvällsdosen gavs två timmar för sent, 2026-11-20 18:30, tel 070-123 45 67. ".repeat(20_000);
        String text = filler + "121212-1212" + filler;
        assertThat(PersonalIdentityNumbers.find(text)).hasSize(1);
    }

    // --- properties over seeded random samples: every valid number in every disguise is found, and masking keeps the
    // rest ---

    private static final long SEED = 20261204L;

    /** A valid personnummer or samordningsnummer as its twelve digits (YYYYMMDDNNNC). */
    static String validNumber(Random r) {
        LocalDate date = LocalDate.ofEpochDay(LocalDate.of(1900, 1, 1).toEpochDay()
                + r.nextInt((int) (LocalDate.of(2099, 12, 31).toEpochDay()
                        - LocalDate.of(1900, 1, 1).toEpochDay()
                        + 1)));
        boolean coordination = r.nextBoolean();
        String nineDigits = "%02d%02d%02d%03d"
                .formatted(
                        date.getYear() % 100,
                        date.getMonthValue(),
                        date.getDayOfMonth() + (coordination ? 60 : 0),
                        r.nextInt(1000));
        return "%02d".formatted(date.getYear() / 100) + nineDigits + checkDigit(nineDigits);
    }

    static int checkDigit(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    private static final String[] SEPARATORS = {
        "",
        "-",
        "+",
        " ",
        ".",
        "_",
        ":",
        "/",
        "\u2013",
        "\u2014",
        "\u2010",
        "\u2212",
        "\u00a0",
        "\u202f",
        "\uff0d",
        " - ",
        " \u2013 "
    };
    private static final String[] INNER = {"", " ", ".", "-", "\u00a0"};
    private static final int[] ZEROS = {
        '0', '\uff10', '\u0660', '\u06f0', '\u0966', '\u09e6', '\u0e50', 0x1d7ce /* mathematical bold */
    };
    private static final String[] INVISIBLE = {"\u200b", "\u00ad", "\u200c", "\u200d", "\u2060", "\ufeff"};

    @Test
    void everyValidNumberInEveryDisguiseIsFoundAndMaskedAlone() {
        Random r = new Random(SEED);
        for (int sample = 0; sample < 5000; sample++) {
            String twelve = validNumber(r);
            boolean tenDigitForm = r.nextBoolean();
            String separator = SEPARATORS[r.nextInt(SEPARATORS.length)];
            if (separator.equals("+") && !tenDigitForm) {
                separator = "-"; // '+' exists in the ten-digit form only
            }
            String digits = tenDigitForm ? twelve.substring(2) : twelve;
            String date = digits.substring(0, digits.length() - 4);
            String serial = digits.substring(digits.length() - 4);
            String inner = INNER[r.nextInt(INNER.length)];
            StringBuilder written = new StringBuilder();
            if (r.nextBoolean() && !inner.isEmpty()) { // digit by digit
                written.append(String.join(inner, date.split("")))
                        .append(separator.isEmpty() ? inner : separator)
                        .append(String.join(inner, serial.split("")));
            } else {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < date.length(); i += 2) {
                    parts.add(date.substring(i, i + 2));
                }
                if (!tenDigitForm && !inner.isEmpty()) {
                    parts.set(0, parts.get(0) + parts.remove(1)); // YYYY MM DD
                }
                written.append(String.join(inner, parts)).append(separator).append(serial);
            }
            String number =
                    withInvisibles(inScript(written.toString(), ZEROS[r.nextInt(ZEROS.length)]), r.nextInt(4), r);
            String text = "Brukaren (" + number + ") föll i badrummet kl 18:30 den 2026-11-20.";

            assertThat(PersonalIdentityNumbers.containsAny(text)).as(text).isTrue();
            assertThat(PersonalIdentityNumbers.mask(text))
                    .as(text)
                    .isEqualTo("Brukaren (" + PersonalIdentityNumbers.MASK
                            + ") föll i badrummet kl 18:30 den 2026-11-20.");
        }
    }

    private static String inScript(String ascii, int zero) {
        StringBuilder b = new StringBuilder();
        ascii.codePoints().forEach(c -> {
            if (c >= '0' && c <= '9') {
                b.appendCodePoint(zero + (c - '0'));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** Zero-width and soft-hyphen characters between digits (never at the ends, so masking keeps the text around). */
    private static String withInvisibles(String number, int count, Random r) {
        StringBuilder b = new StringBuilder(number);
        for (int i = 0; i < count; i++) {
            int at = 1 + r.nextInt(b.length() - 1);
            if (Character.isLowSurrogate(b.charAt(at))) {
                at++;
            }
            if (at >= b.length()) {
                continue;
            }
            b.insert(at, INVISIBLE[r.nextInt(INVISIBLE.length)]);
        }
        return b.toString();
    }

    @Test
    void datesPeriodsTimesPhoneNumbersAndAmountsAreNotFound() {
        Random r = new Random(SEED);
        for (int sample = 0; sample < 3000; sample++) {
            int year = 1900 + r.nextInt(201);
            int month = 1 + r.nextInt(12);
            int day = 1 + r.nextInt(28);
            int hour = r.nextInt(24);
            int minute = r.nextInt(60);
            int subscriber = r.nextInt(10_000_000);
            int amount = r.nextInt(1_000_000_000);
            String date = "%04d-%02d-%02d".formatted(year, month, day);
            String other = "%04d-%02d-%02d".formatted(year + 1, 13 - month, 29 - day);
            List<String> texts = List.of(
                    "den " + date + " kl " + "%02d:%02d".formatted(hour, minute),
                    date + " %02d:%02d".formatted(hour, minute),
                    "perioden " + date + " \u2013 " + other,
                    date + " - " + other,
                    date + "/" + other,
                    "%02d.%02d.%04d-%02d.%02d.%04d".formatted(day, month, year, 29 - day, 13 - month, year + 1),
                    "ring 070-%03d %02d %02d".formatted(subscriber / 10_000, subscriber / 100 % 100, subscriber % 100),
                    "ring 08-%03d %03d %02d".formatted(subscriber / 100_000, subscriber / 100 % 1000, subscriber % 100),
                    "belopp %d %03d %03d %03d kr"
                            .formatted(amount % 9 + 1, amount / 1_000_000, amount / 1000 % 1000, amount % 1000),
                    "Dnr SN %d/%d-%04d".formatted(year, subscriber % 1000, amount % 10_000));
            for (String text : texts) {
                assertThat(PersonalIdentityNumbers.find(text)).as(text).isEmpty();
            }
        }
    }
}
