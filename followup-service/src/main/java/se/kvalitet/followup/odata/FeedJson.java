package se.kvalitet.followup.odata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeException;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.EdmProperty;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.core.edm.primitivetype.EdmPrimitiveTypeFactory;
import org.apache.olingo.server.api.ODataContent;
import org.apache.olingo.server.api.uri.queryoption.SelectOption;
import org.apache.olingo.server.core.serializer.utils.ExpandSelectHelper;

/**
 * A page of a SQL-backed set written as OData JSON with Jackson's streaming generator, straight from the values
 * the page's query returned: no Olingo {@code Entity} per row and none of the per-property look-ups of Olingo's
 * serializer. It writes exactly what Olingo's {@code ODataJsonSerializer.entityCollection} writes for the same
 * page — the same members in the same order ({@code @odata.context}, {@code @odata.count}, {@code value} with the
 * properties in the entity type's order, {@code @odata.nextLink}), each value turned into text by the property's
 * own {@link EdmPrimitiveType} with its facets and written as a JSON number, boolean or string as Olingo decides —
 * for the plain case only ({@link #applies}): JSON with minimal metadata, numbers as numbers, and a {@code $select}
 * that keeps the key. Anything else is serialised by Olingo. {@code ODataFeedTest} compares the two byte for byte.
 */
final class FeedJson implements ODataContent {

    private static final JsonFactory JSON = new JsonFactory();

    /** How Olingo writes a value of a primitive kind in JSON (ODataJsonSerializer.writePrimitiveValue). */
    private enum As {
        BOOLEAN,
        NUMBER,
        STRING
    }

    /**
     * One property written: its place in the row, its type and facets. Dates and timestamps repeat from row to
     * row (the periods, a bulk upload's time), and their text is costly to make: the last one is kept.
     */
    private static final class Column {
        final String name;
        final int index;
        final EdmPrimitiveType type;
        final As as;
        final boolean nullable;
        final Integer maxLength;
        final Integer precision;
        final Integer scale;
        final Boolean unicode;
        final boolean remember;
        Object lastValue;
        String lastText;

        Column(
                String name,
                int index,
                EdmPrimitiveType type,
                As as,
                boolean nullable,
                Integer maxLength,
                Integer precision,
                Integer scale,
                Boolean unicode) {
            this.name = name;
            this.index = index;
            this.type = type;
            this.as = as;
            this.nullable = nullable;
            this.maxLength = maxLength;
            this.precision = precision;
            this.scale = scale;
            this.unicode = unicode;
            this.remember = type == EdmPrimitiveTypeFactory.getInstance(EdmPrimitiveTypeKind.Date)
                    || type == EdmPrimitiveTypeFactory.getInstance(EdmPrimitiveTypeKind.DateTimeOffset);
        }

        /** The value as text, as Olingo's serialiser makes it (the same value gives the same text). */
        String text(Object v) throws EdmPrimitiveTypeException {
            if (remember && v.equals(lastValue)) {
                return lastText;
            }
            String text = type.valueToString(v, nullable, maxLength, precision, scale, unicode);
            if (remember) {
                lastValue = v;
                lastText = text;
            }
            return text;
        }
    }

    private final String context;
    private final Integer count;
    private final List<Column> columns;
    private final List<Object[]> rows;
    private final URI next;

    private FeedJson(String context, Integer count, List<Column> columns, List<Object[]> rows, URI next) {
        this.context = context;
        this.count = count;
        this.columns = columns;
        this.rows = rows;
        this.next = next;
    }

    /**
     * Whether this writer answers the request as Olingo would: JSON with {@code odata.metadata=minimal} (the
     * default) and without {@code IEEE754Compatible=true}, and no {@code $select} or one that keeps every key
     * property (else Olingo adds {@code @odata.id} to each entity).
     */
    static boolean applies(ContentType format, SelectOption select, EdmEntityType type) {
        if (!format.isCompatible(ContentType.APPLICATION_JSON)) {
            return false;
        }
        String metadata = format.getParameter(ContentType.PARAMETER_ODATA_METADATA);
        if (metadata != null && !metadata.equalsIgnoreCase(ContentType.VALUE_ODATA_METADATA_MINIMAL)) {
            return false;
        }
        String ieee = format.getParameter(ContentType.PARAMETER_IEEE754_COMPATIBLE);
        if (ieee != null && ieee.equalsIgnoreCase("true")) {
            return false;
        }
        if (select == null || ExpandSelectHelper.isAll(select)) {
            return true;
        }
        Set<String> selected = ExpandSelectHelper.getSelectedPropertyNames(select.getSelectItems());
        return selected.containsAll(type.getKeyPredicateNames());
    }

    /**
     * The page as OData JSON.
     *
     * @param set the set whose {@link FeedSet#properties()} order the values of each row follow
     * @param context the context URL as Olingo's {@code ContextURLBuilder} writes it
     * @param count {@code @odata.count}, or null when not asked for
     * @param next {@code @odata.nextLink}, or null on the last page
     */
    static FeedJson of(
            FeedSet set,
            EdmEntityType type,
            SelectOption select,
            String context,
            Integer count,
            List<Object[]> rows,
            URI next) {
        boolean all = select == null || ExpandSelectHelper.isAll(select);
        Set<String> selected = all ? Set.of() : ExpandSelectHelper.getSelectedPropertyNames(select.getSelectItems());
        List<Column> columns = new ArrayList<>();
        for (String name : type.getPropertyNames()) {
            if (all || selected.contains(name) || type.getKeyPredicateNames().contains(name)) {
                EdmProperty p = type.getStructuralProperty(name);
                EdmPrimitiveType t = (EdmPrimitiveType) p.getType();
                columns.add(new Column(
                        name,
                        set.indexOf(name),
                        t,
                        as(t),
                        p.isNullable(),
                        p.getMaxLength(),
                        p.getPrecision(),
                        p.getScale(),
                        p.isUnicode()));
            }
        }
        return new FeedJson(context, count, columns, rows, next);
    }

    private static As as(EdmPrimitiveType t) {
        for (EdmPrimitiveTypeKind k : new EdmPrimitiveTypeKind[] {
            EdmPrimitiveTypeKind.Byte,
            EdmPrimitiveTypeKind.Double,
            EdmPrimitiveTypeKind.Int16,
            EdmPrimitiveTypeKind.Int32,
            EdmPrimitiveTypeKind.SByte,
            EdmPrimitiveTypeKind.Single,
            EdmPrimitiveTypeKind.Decimal,
            EdmPrimitiveTypeKind.Int64
        }) {
            if (t == EdmPrimitiveTypeFactory.getInstance(k)) {
                return As.NUMBER;
            }
        }
        return t == EdmPrimitiveTypeFactory.getInstance(EdmPrimitiveTypeKind.Boolean) ? As.BOOLEAN : As.STRING;
    }

    @Override
    public void write(WritableByteChannel channel) {
        write(Channels.newOutputStream(channel));
    }

    @Override
    public void write(OutputStream stream) {
        try (JsonGenerator json = JSON.createGenerator(stream)) {
            json.writeStartObject();
            json.writeStringField("@odata.context", context);
            if (count != null) {
                json.writeNumberField("@odata.count", count.intValue());
            }
            json.writeFieldName("value");
            json.writeStartArray();
            for (Object[] row : rows) {
                json.writeStartObject();
                for (Column c : columns) {
                    json.writeFieldName(c.name);
                    value(json, c, row[c.index]);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            if (next != null) {
                json.writeStringField("@odata.nextLink", next.toASCIIString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void value(JsonGenerator json, Column c, Object v) throws IOException {
        if (v == null) {
            if (!c.nullable) {
                throw new IllegalStateException("the feed read no value for the non-nullable property " + c.name);
            }
            json.writeNull();
            return;
        }
        String text;
        try {
            text = c.text(v);
        } catch (EdmPrimitiveTypeException e) {
            throw new IllegalStateException("the value of " + c.name + " cannot be written as " + c.type.getName(), e);
        }
        if (text == null) {
            json.writeNull();
            return;
        }
        switch (c.as) {
            case BOOLEAN -> json.writeBoolean(Boolean.parseBoolean(text));
            case NUMBER -> json.writeNumber(text);
            default -> json.writeString(text);
        }
    }
}
