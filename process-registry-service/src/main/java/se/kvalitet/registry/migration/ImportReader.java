package se.kvalitet.registry.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFiles;
import se.kvalitet.web.imports.ImportFormat;

/**
 * Reads an import file into typed rows: platform/web's {@link ImportFiles} reads the file (NDJSON or CSV with a
 * header row; the fields as text, the same in both formats; a file that cannot be read is a 400 problem), then each
 * row's fields become an {@link ImportRow} through Jackson, a list field's elements separated by {@code |}. A row
 * that cannot be read (a line that is not a JSON object, a field that is not a column, a value of the wrong form)
 * is a row with its errors, rejected on its own.
 */
final class ImportReader {

    static final int MAX_ROWS = 5_000;

    private static final Set<String> COLUMNS = Set.copyOf(ImportRow.COLUMNS);

    /** One row as read: its number (from 1; CSV: the header not counted), its value, or why it could not be read. */
    record Raw(int row, ImportRow value, List<FieldError> errors) {}

    private final ObjectMapper strict;

    ImportReader(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    List<Raw> read(ImportFormat format, byte[] body) {
        List<ImportFiles.Row> rows = ImportFiles.read(format, ImportFiles.utf8(body), COLUMNS, MAX_ROWS);
        if (rows.isEmpty()) {
            throw ProblemException.badRequest(
                    "empty-upload", "The file has no rows", List.of(new FieldError("body", "no rows")));
        }
        List<Raw> out = new ArrayList<>(rows.size());
        for (ImportFiles.Row row : rows) {
            out.add(
                    row.unreadable().isEmpty()
                            ? convert(row.rowNumber(), row.fields())
                            : new Raw(row.rowNumber(), null, row.unreadable()));
        }
        return out;
    }

    private Raw convert(int row, Map<String, String> fields) {
        ObjectNode node = strict.createObjectNode();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String value = f.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            if (ImportRow.LIST_COLUMNS.contains(f.getKey())) {
                ArrayNode list = node.putArray(f.getKey());
                for (String element : value.split("\\|")) {
                    if (!element.isBlank()) {
                        list.add(element.strip());
                    }
                }
            } else {
                node.put(f.getKey(), value);
            }
        }
        try {
            return new Raw(row, strict.treeToValue(node, ImportRow.class), List.of());
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            return new Raw(
                    row,
                    null,
                    List.of(new FieldError(field == null ? "row" : field, "has a value of the wrong type or form")));
        } catch (JsonProcessingException e) {
            return new Raw(row, null, List.of(new FieldError("row", "is not readable")));
        }
    }
}
