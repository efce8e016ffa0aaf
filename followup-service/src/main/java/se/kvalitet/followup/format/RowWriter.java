package se.kvalitet.followup.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a flat table row by row to a stream: CSV (RFC 4180, UTF-8, header row, chosen delimiter
 * and decimal separator) or JSON (an array of objects, numbers as numbers). Memory is one row.
 * Cells arrive as text already in their canonical form (numbers with a point, dates YYYY-MM-DD,
 * timestamps RFC 3339 UTC) or null for empty.
 */
public interface RowWriter extends AutoCloseable {

    /** The kind of a column: how JSON writes it and whether CSV swaps its decimal separator. */
    enum Kind {
        TEXT,
        NUMBER,
        BOOLEAN
    }

    /** A column of an export: its stable name and kind. */
    record Column(String name, Kind kind) {}

    void row(String[] cells) throws IOException;

    @Override
    void close() throws IOException;

    static RowWriter open(TableFormat format, List<Column> columns, OutputStream out) throws IOException {
        return format.kind() == TableFormat.Kind.CSV
                ? new CsvWriter(format, columns, out)
                : new JsonWriter(columns, out);
    }

    /** CSV with a header row. */
    final class CsvWriter implements RowWriter {
        private final BufferedWriter out;
        private final Csv.Printer printer;
        private final boolean[] numeric;
        private final boolean decimalComma;

        CsvWriter(TableFormat format, List<Column> columns, OutputStream stream) throws IOException {
            out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            if (format.bom()) {
                out.write('\uFEFF');
            }
            printer = new Csv.Printer(out, format.delimiter());
            decimalComma = format.decimalComma();
            numeric = new boolean[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                numeric[i] = columns.get(i).kind() == Kind.NUMBER;
                printer.field(columns.get(i).name());
            }
            printer.endRecord();
        }

        @Override
        public void row(String[] cells) throws IOException {
            for (int i = 0; i < cells.length; i++) {
                String v = cells[i];
                if (decimalComma && numeric[i] && v != null) {
                    v = v.replace('.', ',');
                }
                printer.field(numeric[i] ? v : inert(v));
            }
            printer.endRecord();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        /**
         * A text cell that a spreadsheet would read as a formula ({@code = + - @}, or a tab or carriage return
         * first, OWASP's "CSV injection") gets a leading apostrophe, which Excel and LibreOffice show as text: an
         * indicator or unit named {@code =HYPERLINK(…)} must not run in the quality team's Excel. Numbers are
         * written as numbers; JSON is never changed.
         */
        static String inert(String v) {
            if (v == null || v.isEmpty()) {
                return v;
            }
            char first = v.charAt(0);
            return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                    ? "'" + v
                    : v;
        }
    }

    /** A JSON array of objects with the columns as members. */
    final class JsonWriter implements RowWriter {
        private static final JsonFactory FACTORY = new JsonFactory();
        private final JsonGenerator json;
        private final List<Column> columns;

        JsonWriter(List<Column> columns, OutputStream out) throws IOException {
            this.columns = columns;
            json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            json.writeStartArray();
        }

        @Override
        public void row(String[] cells) throws IOException {
            json.writeStartObject();
            for (int i = 0; i < cells.length; i++) {
                Column c = columns.get(i);
                json.writeFieldName(c.name());
                String v = cells[i];
                if (v == null) {
                    json.writeNull();
                } else if (c.kind() == Kind.NUMBER) {
                    json.writeNumber(v);
                } else if (c.kind() == Kind.BOOLEAN) {
                    json.writeBoolean(v.equals("t") || v.equals("true"));
                } else {
                    json.writeString(v);
                }
            }
            json.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            json.writeEndArray();
            json.flush();
        }
    }
}
