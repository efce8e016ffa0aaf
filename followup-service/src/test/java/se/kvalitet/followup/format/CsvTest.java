package se.kvalitet.followup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 reading and writing, with the Swedish Excel variant (semicolon, decimal comma, BOM). */
class CsvTest {

    static List<List<String>> read(String text, char delimiter) {
        Csv.Parser p = new Csv.Parser(new StringReader(text), delimiter);
        List<List<String>> out = new ArrayList<>();
        List<String> r;
        while ((r = p.next()) != null) {
            out.add(r);
        }
        return out;
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() {
        String text = "\uFEFFa;b;c\r\n1;\"x;y\";\"he said \"\"hi\"\"\"\r\n2;\"two\nlines\";\r\n\r\n3;;last\n";
        assertThat(read(text, ';'))
                .containsExactly(
                        List.of("a", "b", "c"),
                        List.of("1", "x;y", "he said \"hi\""),
                        List.of("2", "two\nlines", ""),
                        List.of("3", "", "last"));
        Csv.Parser p = new Csv.Parser(new StringReader("h\nv1\n\"multi\nline\"\nv3"), ',');
        p.next();
        p.next();
        p.next();
        assertThat(p.recordLine()).isEqualTo(3);
        p.next();
        assertThat(p.recordLine()).isEqualTo(5);
    }

    @Test
    void malformedFilesAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> read("a,b\n1,\"open", ','))
                .isInstanceOf(Csv.MalformedException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> read("a,b\n1,x\"y\n", ',')).isInstanceOf(Csv.MalformedException.class);
        assertThatThrownBy(() -> read("a,b\n1,\"x\"y\n", ',')).isInstanceOf(Csv.MalformedException.class);
    }

    @Test
    void thePrinterQuotesOnlyWhatNeedsItAndEndsRecordsWithCrlf() throws Exception {
        StringWriter w = new StringWriter();
        Csv.Printer p = new Csv.Printer(w, ';');
        p.field("plain").field("semi;colon").field("quote\"d").field(null).field("line\nbreak");
        p.endRecord();
        assertThat(w.toString()).isEqualTo("plain;\"semi;colon\";\"quote\"\"d\";;\"line\nbreak\"\r\n");
        assertThat(read(w.toString(), ';'))
                .containsExactly(List.of("plain", "semi;colon", "quote\"d", "", "line\nbreak"));
    }

    @Test
    void numbersTravelWithTheChosenDecimalSeparator() {
        assertThat(TableFormat.number(new BigDecimal("84.500000"), true)).isEqualTo("84,5");
        assertThat(TableFormat.number(new BigDecimal("100.000"), false)).isEqualTo("100");
        assertThat(TableFormat.parseNumber("84,5", true)).isEqualByComparingTo("84.5");
        assertThat(TableFormat.parseNumber("1 234,5", true)).isEqualByComparingTo("1234.5");
        assertThatThrownBy(() -> TableFormat.parseNumber("84,5", false))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("decimal=comma");
    }
}
