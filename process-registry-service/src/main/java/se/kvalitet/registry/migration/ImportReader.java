package se.kvalitet.registry.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;

/**
 * Reads an import file into rows with Jackson: NDJSON (one JSON object a line, blank lines skipped) or CSV (a header
 * row naming the columns in any order, {@code ,} or {@code ;}, an empty cell = absent, a list cell's elements
 * separated by {@code |}). A file that cannot be read is a 400 problem; a row that cannot be read is a row with its
 * errors (a line that is not a JSON object, a field that is not a column, a value of the wrong type).
 */
final class ImportReader {

    static final int MAX_ROWS = 5_000;

    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");

    /** One row as read: its number (from 1; CSV: the header not counted), its value, or why it could not be read. */
    record Raw(int row, ImportRow value, List<FieldError> errors) {}

    private final ObjectMapper strict;

    ImportReader(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    List<Raw> ndjson(byte[] body) {
        List<Raw> out = new ArrayList<>();
        int row = 0;
        for (String line : text(body).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            row++;
            tooMany(row);
            JsonNode node;
            try {
                node = strict.readTree(line);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                out.add(new Raw(row, null, List.of(new FieldError("row", "is not a JSON object"))));
                continue;
            }
            out.add(convert(row, (ObjectNode) node));
        }
        return none(out);
    }

    List<Raw> csv(byte[] body) {
        String text = text(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int firstLineEnd = text.indexOf('\n');
        String header = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
        char separator = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        List<Raw> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it =
                csv.readerForMapOf(String.class).with(schema).readValues(text)) {
            int row = 0;
            boolean checked = false;
            while (it.hasNextValue()) {
                Map<String, String> cells = it.nextValue();
                if (!checked) {
                    checkColumns((CsvSchema) it.getParserSchema());
                    checked = true;
                }
                row++;
                tooMany(row);
                ObjectNode node = strict.createObjectNode();
                for (Map.Entry<String, String> cell : cells.entrySet()) {
                    String value =
                            cell.getValue() == null ? "" : cell.getValue().strip();
                    if (value.isEmpty()) {
                        continue;
                    }
                    if (ImportRow.LIST_COLUMNS.contains(cell.getKey())) {
                        ArrayNode list = node.putArray(cell.getKey());
                        for (String element : value.split("\\|")) {
                            if (!element.isBlank()) {
                                list.add(element.strip());
                            }
                        }
                    } else {
                        node.put(cell.getKey(), value);
                    }
                }
                out.add(convert(row, node));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.badRequest("malformed-csv", "The file is not readable as CSV", List.of());
        }
        return none(out);
    }

    private static void checkColumns(CsvSchema schema) {
        for (CsvSchema.Column c : schema) {
            if (!ImportRow.COLUMNS.contains(c.getName())) {
                String named = COLUMN_NAME.matcher(c.getName()).matches() ? " " + c.getName() : "";
                throw ProblemException.badRequest(
                        "unknown-column",
                        "The CSV header names a column that is not a column of the import" + named,
                        List.of(new FieldError("header", "unknown column" + named)));
            }
        }
    }

    private Raw convert(int row, ObjectNode node) {
        try {
            return new Raw(row, strict.treeToValue(node, ImportRow.class), List.of());
        } catch (UnrecognizedPropertyException e) {
            return new Raw(
                    row, null, List.of(new FieldError("row", "names a field that is not a column of the import")));
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "row" : e.getPath().get(0).getFieldName();
            return new Raw(
                    row,
                    null,
                    List.of(new FieldError(field == null ? "row" : field, "has a value of the wrong type or form")));
        } catch (JsonProcessingException e) {
            return new Raw(row, null, List.of(new FieldError("row", "is not readable")));
        }
    }

    private static void tooMany(int row) {
        if (row > MAX_ROWS) {
            throw ProblemException.badRequest(
                    "too-many-rows", "At most " + MAX_ROWS + " rows a request; post a larger file in parts", List.of());
        }
    }

    private static List<Raw> none(List<Raw> rows) {
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("empty-upload", "The file has no rows", List.of());
        }
        return rows;
    }

    private static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("not-utf8", "The file is not UTF-8 text", List.of());
        }
    }
}
