package se.kvalitet.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersonalIdentityNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "121212-1212",            // Skatteverket's test person, ten digits with hyphen
            "1212121212",             // without separator
            "19121212-1212",          // twelve digits with hyphen
            "191212121212",           // twelve digits
            "121212+1212",            // ten digits, 100 years or older
            "701063-2391",            // samordningsnummer (day 03 + 60)
            "197010632391",           // samordningsnummer, twelve digits
            "811218-9876",
            "Brukaren 121212-1212 föll i badrummet",
            "pnr:1212121212.",
            "(19121212-1212)"})
    void findsValidNumbers(String text) {
        assertThat(PersonalIdentityNumbers.containsAny(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "121212-1213",            // wrong check digit
            "1212121213",
            "2026-11-20",             // a date
            "20261120",               // a compact date
            "2026-11-20 18:30",
            "070-123 45 67",          // a mobile number as people write it
            "0701234567",             // a mobile number (not Luhn-valid)
            "08-123 456 78",
            "123456-7890",            // month 34
            "121232-1212",            // day 32 (and not a coordination day)
            "120230-1234",            // 30 February
            "121292-1212",            // day 92: coordination numbers go to 91
            "19121212+1212",          // '+' is only used in the ten-digit form
            "17121212-1212",          // century 17
            "312121212121212",        // a longer run of digits
            "AV-2026-00123",          // a case number
            "Dnr SN 2026/123-1212",
            "belopp 1 212 121 212 kr",
            "tel +46701234567"})
    void ignoresNearMisses(String text) {
        assertThat(PersonalIdentityNumbers.find(text)).as(text).isEmpty();
    }

    @Test
    void marksCoordinationNumbers() {
        assertThat(PersonalIdentityNumbers.find("701063-2391")).singleElement()
                .satisfies(m -> assertThat(m.coordinationNumber()).isTrue());
        assertThat(PersonalIdentityNumbers.find("121212-1212")).singleElement()
                .satisfies(m -> assertThat(m.coordinationNumber()).isFalse());
    }

    @Test
    void masksEveryNumberAndKeepsTheRest() {
        String masked = PersonalIdentityNumbers.mask("Brukare 121212-1212 och 701063-2391 fick fel dos kl 18:30 2026-11-20.");
        assertThat(masked).isEqualTo("Brukare [personnummer borttaget] och [personnummer borttaget] fick fel dos kl 18:30 2026-11-20.");
        assertThat(PersonalIdentityNumbers.mask("Inget här")).isEqualTo("Inget här");
        assertThat(PersonalIdentityNumbers.mask(null)).isNull();
    }
}
