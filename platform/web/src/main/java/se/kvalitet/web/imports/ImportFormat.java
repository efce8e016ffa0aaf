package se.kvalitet.web.imports;

import java.util.Locale;

/**
 * The format of a posted import file, chosen by its {@code Content-Type}. The resource declares
 * {@code @Consumes({ImportFormat.NDJSON_TYPE, ImportFormat.CSV_TYPE})}, so JAX-RS answers any other type with a
 * 415 before {@link #of} is asked. The file is read as UTF-8 whatever a {@code charset} parameter says.
 */
public enum ImportFormat {
    /** One JSON object a line ({@value #NDJSON_TYPE}). */
    NDJSON,
    /** A header row naming the fields, then one row a line, RFC 4180 quoting ({@value #CSV_TYPE}). */
    CSV;

    public static final String NDJSON_TYPE = "application/x-ndjson";
    public static final String CSV_TYPE = "text/csv";

    /** CSV when the type is {@code text/csv} (any case, any parameters), NDJSON otherwise. */
    public static ImportFormat of(String contentType) {
        return contentType != null
                        && contentType.strip().toLowerCase(Locale.ROOT).startsWith(CSV_TYPE)
                ? CSV
                : NDJSON;
    }
}
