package se.kvalitet.web.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * Reads a posted import file into rows of text fields, numbered from 1, before the service checks what they mean.
 * The same field names in both formats:
 *
 * <ul>
 *   <li>{@link #ndjson}: one JSON object a line, blank lines skipped (not numbered). A line that is not a JSON object,
 *       a field the import does not know or a field whose value is an array / object makes that row
 *       {@linkplain Row#unreadable() unreadable} (rejected on its own); JSON {@code null} is an absent field; numbers
 *       and booleans are read as their text.
 *   <li>{@link #csv}: RFC 4180 CSV with a header row naming the fields (comma-separated; Jackson's CSV parser), empty
 *       lines skipped, an empty cell is an absent field. A column the import does not know is a 400
 *       {@code import-unknown-columns} for the whole file, a file that is not CSV a 400 {@code import-unreadable}.
 * </ul>
 *
 * More than {@code maxRows} rows is a 400 {@code import-too-many-rows}. A field name is echoed in an error only when
 * it has the form of a name (what a caller wrote may carry anything, a personnummer too). Control characters, formats
 * and required fields are the service's to check, field by field.
 */
public final class ImportFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();

    private ImportFiles() {}

    /**
     * One row as read.
     *
     * @param rowNumber its number in the file, from 1 (CSV: the header is not counted; blank lines are skipped)
     * @param fields the present fields as text, in the file's order
     * @param unreadable why (parts of) the row could not be read: field and reason; empty when it could
     */
    public record Row(int rowNumber, Map<String, String> fields, List<Problem.FieldError> unreadable) {}

    /** The rows of a file in {@code format}; see {@link #ndjson} and {@link #csv}. */
    public static List<Row> read(ImportFormat format, String body, Set<String> known, int maxRows) {
        return format == ImportFormat.CSV ? csv(body, known, maxRows) : ndjson(body, known, maxRows);
    }

    /** The body as UTF-8 text, strictly: a byte sequence that is not UTF-8 is a 400 {@code not-utf8}. */
    public static String utf8(byte[] body) {
        if (body == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("not-utf8", "The file is not UTF-8 text", List.of());
        }
    }

    /** NDJSON rows; {@code known} are the fields a row may have. */
    public static List<Row> ndjson(String body, Set<String> known, int maxRows) {
        List<Row> rows = new ArrayList<>();
        for (String line : body.split("\r?\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            int n = rows.size() + 1;
            tooMany(n, maxRows);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                rows.add(new Row(n, Map.of(), List.of(new Problem.FieldError("row", "not a JSON object"))));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            List<Problem.FieldError> errors = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (!known.contains(f.getKey())) {
                    errors.add(new Problem.FieldError(safeName(f.getKey()), "unknown field"));
                } else if (v.isContainerNode()) {
                    errors.add(new Problem.FieldError(f.getKey(), "must be a string, number or boolean"));
                } else if (!v.isNull()) {
                    fields.put(f.getKey(), v.asText());
                }
            }
            rows.add(new Row(n, fields, errors));
        }
        return rows;
    }

    /** CSV rows with a header row; {@code known} are the columns the header may name. */
    public static List<Row> csv(String body, Set<String> known, int maxRows) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(schema)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(body)) {
            boolean headerChecked = false;
            while (it.hasNextValue()) {
                Map<String, String> values = it.nextValue();
                if (!headerChecked) {
                    headerChecked = true;
                    CsvSchema header = (CsvSchema) it.getParser().getSchema();
                    List<Problem.FieldError> unknown = new ArrayList<>();
                    for (String column : header.getColumnNames()) {
                        if (!known.contains(column)) {
                            unknown.add(new Problem.FieldError(safeName(column), "unknown column"));
                        }
                    }
                    if (!unknown.isEmpty()) {
                        throw ProblemException.badRequest(
                                "import-unknown-columns",
                                "The header names columns this import does not know",
                                unknown);
                    }
                }
                int n = rows.size() + 1;
                tooMany(n, maxRows);
                Map<String, String> fields = new LinkedHashMap<>();
                values.forEach((k, v) -> {
                    if (v != null && !v.isEmpty()) {
                        fields.put(k, v);
                    }
                });
                rows.add(new Row(n, fields, List.of()));
            }
        } catch (ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ProblemException.badRequest(
                    "import-unreadable",
                    "The file is not CSV with a header row",
                    List.of(new Problem.FieldError("body", "not readable as CSV")));
        }
        return rows;
    }

    private static void tooMany(int n, int maxRows) {
        if (n > maxRows) {
            throw ProblemException.badRequest(
                    "import-too-many-rows",
                    "At most " + maxRows + " rows per file; post a larger file in parts",
                    List.of(new Problem.FieldError("body", "more than " + maxRows + " rows")));
        }
    }

    /** A field name as the caller wrote it may carry anything: shown only when it has the form of one. */
    static String safeName(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_]{0,59}") ? name : "(unnamed)";
    }
}
