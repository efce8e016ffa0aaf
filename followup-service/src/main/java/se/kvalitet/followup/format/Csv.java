package se.kvalitet.followup.format;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by a delimiter (comma, or semicolon for Swedish Excel), records by
 * CRLF (LF and CR accepted when reading), a field with the delimiter, a quote or a line break is
 * quoted and its quotes doubled. A leading UTF-8 byte order mark is skipped when reading.
 */
public final class Csv {

    private Csv() {}

    /** A CSV file that is not well formed (e.g. a quote that never closes). */
    public static final class MalformedException extends RuntimeException {
        public final int line;

        MalformedException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }
    }

    /** Reads records one at a time; memory is one record. */
    public static final class Parser {
        private final Reader in;
        private final char delimiter;
        private int line = 1;
        private int recordLine;
        private int pushback = -2;
        private boolean first = true;

        public Parser(Reader in, char delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        /** The line the last record returned by {@link #next()} started on (1-based). */
        public int recordLine() {
            return recordLine;
        }

        private int read() throws IOException {
            if (pushback != -2) {
                int c = pushback;
                pushback = -2;
                return c;
            }
            int c = in.read();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    c = in.read();
                }
            }
            return c;
        }

        /** The next record's fields, or null at the end. A blank line is skipped. */
        public List<String> next() {
            try {
                while (true) {
                    recordLine = line;
                    List<String> fields = new ArrayList<>();
                    StringBuilder field = new StringBuilder();
                    boolean quoted = false;
                    boolean wasQuoted = false;
                    boolean any = false;
                    while (true) {
                        int c = read();
                        if (c == -1) {
                            if (quoted) {
                                throw new MalformedException(recordLine, "a quoted field is not closed");
                            }
                            if (!any && fields.isEmpty()) {
                                return null;
                            }
                            fields.add(field.toString());
                            return fields;
                        }
                        any = true;
                        if (quoted) {
                            if (c == '"') {
                                int d = read();
                                if (d == '"') {
                                    field.append('"');
                                } else {
                                    quoted = false;
                                    pushback = d;
                                }
                            } else {
                                if (c == '\n') {
                                    line++;
                                }
                                field.append((char) c);
                            }
                            continue;
                        }
                        if (c == '"') {
                            if (field.length() > 0 || wasQuoted) {
                                throw new MalformedException(line, "a quote inside an unquoted field");
                            }
                            quoted = true;
                            wasQuoted = true;
                        } else if (c == delimiter) {
                            fields.add(field.toString());
                            field.setLength(0);
                            wasQuoted = false;
                        } else if (c == '\r' || c == '\n') {
                            if (c == '\r') {
                                int d = read();
                                if (d != '\n') {
                                    pushback = d;
                                }
                            }
                            line++;
                            if (fields.isEmpty() && field.length() == 0 && !wasQuoted) {
                                break; // blank line
                            }
                            fields.add(field.toString());
                            return fields;
                        } else {
                            if (wasQuoted) {
                                throw new MalformedException(line, "text after a closing quote");
                            }
                            field.append((char) c);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes one record at a time. */
    public static final class Printer {
        private final Writer out;
        private final char delimiter;
        private boolean firstInRecord = true;

        public Printer(Writer out, char delimiter) {
            this.out = out;
            this.delimiter = delimiter;
        }

        public Printer field(String value) throws IOException {
            if (!firstInRecord) {
                out.write(delimiter);
            }
            firstInRecord = false;
            if (value == null || value.isEmpty()) {
                return this;
            }
            if (needsQuotes(value)) {
                out.write('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"') {
                        out.write('"');
                    }
                    out.write(c);
                }
                out.write('"');
            } else {
                out.write(value);
            }
            return this;
        }

        private boolean needsQuotes(String v) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
                    return true;
                }
            }
            return false;
        }

        public void endRecord() throws IOException {
            out.write("\r\n");
            firstInRecord = true;
        }
    }
}
