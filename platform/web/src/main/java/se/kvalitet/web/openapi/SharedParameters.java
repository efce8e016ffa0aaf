package se.kvalitet.web.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Descriptions (and formats) of the parameters every service reads the same way through
 * platform/web ({@code QueryParams}, {@code PageParams}, {@code ETags}, the idempotency and
 * correlation filters), for parameters whose resource says nothing more particular. Path ids get
 * "Id of the …" from their name or the path segment before them.
 */
final class SharedParameters {

    private static final Map<String, String> QUERY = Map.of(
            "updatedSince",
                    "Only items changed at or after this instant (RFC 3339 date-time, e.g. 2026-01-31T00:00:00Z); "
                            + "for incremental pulls",
            "orgUnitId", "The organisation unit (UUID, as the process registry publishes it)",
            "subtree", "true: the unit and every unit below it; false (default): the unit alone",
            "year", "The calendar year (e.g. 2026)",
            "q", "Free-text search in titles (case-insensitive)");

    private static final Map<String, String> HEADER = Map.of(
            "If-Match",
            "The ETag of the version you read (from its GET); a stale one gives 412",
            "Idempotency-Key",
            "A key of your own (1-100 of A-Z a-z 0-9 . _ : -, a UUID for example) to retry safely: the same "
                    + "key and body give the first answer again, never a second record");

    private SharedParameters() {}

    static void describe(String path, List<Parameter> parameters) {
        if (parameters == null) {
            return;
        }
        for (Parameter p : parameters) {
            if (p.getRef() != null || p.getName() == null || p.getIn() == null) {
                continue;
            }
            String name = p.getName();
            if (p.getIn() == Parameter.In.QUERY
                    && "updatedSince".equals(name)
                    && p.getSchema() != null
                    && p.getSchema().getFormat() == null
                    && isString(p.getSchema())) {
                p.getSchema().setFormat("date-time");
            }
            if (p.getDescription() != null && !p.getDescription().isBlank()) {
                continue;
            }
            String description = switch (p.getIn()) {
                case QUERY -> QUERY.get(name);
                case HEADER -> HEADER.get(name);
                case PATH -> pathDescription(path, name);
                default -> null;
            };
            if (description != null) {
                p.setDescription(description);
            }
        }
    }

    private static boolean isString(Schema schema) {
        return schema.getType() != null && schema.getType().contains(Schema.SchemaType.STRING);
    }

    /** {@code .../deviations/{id}} → "Id of the deviation"; {@code trackId} → "Id of the track". */
    static String pathDescription(String path, String name) {
        if (name.equals("id")) {
            String[] segments = path.split("/");
            for (int i = 1; i < segments.length; i++) {
                if (segments[i].equals("{id}")) {
                    return "Id of the " + OperationIds.singular(segments[i - 1]).replace('-', ' ');
                }
            }
            return null;
        }
        if (name.endsWith("Id") && name.length() > 2) {
            String words = name.substring(0, name.length() - 2)
                    .replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT);
            return "Id of the " + words;
        }
        return null;
    }
}
