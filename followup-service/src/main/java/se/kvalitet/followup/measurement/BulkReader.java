package se.kvalitet.followup.measurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import se.kvalitet.followup.format.Csv;
import se.kvalitet.followup.measurement.MeasurementCommands.RawRow;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.input.InputRules;
import se.kvalitet.web.input.JsonInputCustomizer;

/**
 * Reads a bulk upload (CSV with a header row, or JSON: an array of row objects or {@code {"rows": [...]}})
 * into text rows; typing and validation happen per row so that every failing row is reported.
 * Only a file that cannot be read at all (not UTF-8, unbalanced quotes, an unknown column) fails as a whole.
 */
public final class BulkReader {

    private static final ObjectMapper JSON =
            JsonInputCustomizer.apply(new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS));

    private BulkReader() {}

    public static List<RawRow> csv(InputStream body, Character delimiter, List<String> columns, int maxRows) {
        Reader reader = new InputStreamReader(
                body,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            java.io.BufferedReader buffered = new java.io.BufferedReader(reader, 1 << 16);
            char delim = delimiter != null ? delimiter : sniff(buffered);
            Csv.Parser parser = new Csv.Parser(buffered, delim);
            List<String> header = parser.next();
            if (header == null) {
                throw ProblemException.badRequest(
                        "empty-upload", "The file is empty: a header row and data rows are expected", List.of());
            }
            List<String> keys = keys(header, columns);
            List<RawRow> rows = new ArrayList<>();
            List<String> record;
            while ((record = parser.next()) != null) {
                if (rows.size() >= maxRows) {
                    throw ProblemException.badRequest(
                            "too-many-rows", "At most " + maxRows + " rows per upload; split the file", List.of());
                }
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < Math.min(record.size(), keys.size()); i++) {
                    cells.put(keys.get(i), record.get(i));
                }
                String problem = record.size() == keys.size()
                        ? null
                        : "has " + record.size() + " fields, the header has " + keys.size();
                if (problem == null && cells.values().stream().anyMatch(InputRules::hasForbiddenCharacter)) {
                    problem = "has a field with a control character";
                }
                rows.add(new RawRow(rows.size() + 1, parser.recordLine(), cells, problem));
            }
            return rows;
        } catch (Csv.MalformedException e) {
            throw ProblemException.badRequest(
                    "malformed-csv", "The CSV file is not well formed: " + e.getMessage(), List.of());
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw ProblemException.badRequest("not-utf8", "The file is not UTF-8 text", List.of());
            }
            throw e;
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("not-utf8", "The file is not UTF-8 text", List.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The delimiter of a header line: a semicolon when it has one and no comma (Swedish Excel), else a comma. */
    private static char sniff(java.io.BufferedReader in) throws IOException {
        in.mark(1 << 15);
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n' && c != '\r' && line.length() < (1 << 14)) {
            line.append((char) c);
        }
        in.reset();
        String h = line.toString();
        if (h.indexOf(';') >= 0 && h.indexOf(',') < 0) {
            return ';';
        }
        if (h.indexOf('\t') >= 0 && h.indexOf(',') < 0) {
            return '\t';
        }
        return ',';
    }

    private static List<String> keys(List<String> header, List<String> columns) {
        Set<String> known =
                columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> keys = new ArrayList<>();
        for (String h : header) {
            String k = h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
            if (!known.contains(k)) {
                throw ProblemException.invalidField(
                        "header",
                        (InputRules.isPlainName(h.strip()) ? "unknown column '" + h.strip() + "'" : "an unknown column")
                                + "; the columns are " + columns);
            }
            if (keys.contains(k)) {
                throw ProblemException.invalidField("header", "column '" + k + "' appears twice");
            }
            keys.add(k);
        }
        return keys;
    }

    public static List<RawRow> json(InputStream body, List<String> columns, int maxRows) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-json", "The request body is not valid JSON", List.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonNode array = root == null ? null : root.isArray() ? root : root.get("rows");
        if (array == null || !array.isArray()) {
            throw ProblemException.invalidField(
                    "rows", "expected an array of rows, or an object with a \"rows\" array");
        }
        if (root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("rows")) {
                    throw ProblemException.invalidField(
                            InputRules.isPlainName(f) ? f : "request", "is not a field of this request");
                }
            }
        }
        if (array.size() > maxRows) {
            throw ProblemException.badRequest(
                    "too-many-rows", "At most " + maxRows + " rows per upload; split the file", List.of());
        }
        Map<String, String> names = columns.stream().collect(Collectors.toMap(c -> c.toLowerCase(Locale.ROOT), c -> c));
        List<RawRow> rows = new ArrayList<>();
        for (int n = 0; n < array.size(); n++) {
            JsonNode row = array.get(n);
            Map<String, String> cells = new HashMap<>();
            String problem = null;
            if (!row.isObject()) {
                problem = "is not an object";
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey().toLowerCase(Locale.ROOT);
                    if (!names.containsKey(key)) {
                        throw ProblemException.invalidField(
                                "rows[" + (n + 1) + "]" + (InputRules.isPlainName(e.getKey()) ? "." + e.getKey() : ""),
                                "is not a column; the columns are " + columns);
                    }
                    JsonNode v = e.getValue();
                    if (v.isNull()) {
                        continue;
                    }
                    if (v.isContainerNode()) {
                        problem = e.getKey() + " must be a number or a string";
                        continue;
                    }
                    String text = v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
                    if (InputRules.hasForbiddenCharacter(text)) {
                        problem = "has a field with a control character";
                        continue;
                    }
                    cells.put(key, text);
                }
            }
            rows.add(new RawRow(n + 1, null, cells, problem));
        }
        return rows;
    }
    /**
     * Reads NDJSON (the migration import): one JSON object a line, blank lines skipped. A line that is not
     * a JSON object, or names a field that is not a column, is a row with a problem (rejected on its own);
     * only more than {@code maxRows} rows fails the file.
     */
    public static List<RawRow> ndjson(String body, List<String> columns, int maxRows) {
        Map<String, String> names = columns.stream().collect(Collectors.toMap(c -> c.toLowerCase(Locale.ROOT), c -> c));
        List<RawRow> rows = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l];
            if (line.isBlank()) {
                continue;
            }
            if (rows.size() >= maxRows) {
                throw ProblemException.badRequest(
                        "too-many-rows", "At most " + maxRows + " rows per import; split the file", List.of());
            }
            int n = rows.size() + 1;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                node = null;
            }
            Map<String, String> cells = new HashMap<>();
            String problem = null;
            if (node == null || !node.isObject()) {
                problem = "is not a JSON object";
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey().toLowerCase(Locale.ROOT);
                    JsonNode v = e.getValue();
                    if (!names.containsKey(key)) {
                        problem = (InputRules.isPlainName(e.getKey()) ? "'" + e.getKey() + "'" : "a field")
                                + " is not a column; the columns are " + columns;
                    } else if (v.isContainerNode()) {
                        problem = names.get(key) + " must be a number or a string";
                    } else if (!v.isNull()) {
                        String text = v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
                        if (InputRules.hasForbiddenCharacter(text)) {
                            problem = "has a field with a control character";
                        } else {
                            cells.put(key, text);
                        }
                    }
                }
            }
            rows.add(new RawRow(n, l + 1, cells, problem));
        }
        return rows;
    }
}
