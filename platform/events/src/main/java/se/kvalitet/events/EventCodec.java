package se.kvalitet.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns event records into CloudEvents envelopes and Kafka binary-mode headers and back.
 * Consumers ignore fields they do not know (forward compatibility within a version).
 */
public final class EventCodec {

    public static final String HEADER_PREFIX = "ce_";
    public static final String CONTENT_TYPE_HEADER = "content-type";
    public static final String CORRELATION_EXTENSION = "correlationid";
    public static final String SCHEMA_BASE = "https://schemas.kvalitet.se/events/";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private EventCodec() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new envelope with a fresh id for {@code event}, produced by {@code source} at {@code time}. */
    public static EventEnvelope envelope(DomainEvent event, URI source, Instant time, String correlationId) {
        String type = EventCatalog.typeOf(event.getClass());
        return new EventEnvelope(
                UUID.randomUUID().toString(),
                source,
                type,
                time,
                event.aggregateId(),
                schemaUri(type),
                correlationId,
                toJson(event));
    }

    public static URI schemaUri(String type) {
        return URI.create(SCHEMA_BASE + type + ".json");
    }

    public static byte[] toJson(Object data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + data.getClass().getName(), e);
        }
    }

    /** The envelope's data as the given event record. */
    public static <T extends DomainEvent> T data(EventEnvelope envelope, Class<T> eventClass) {
        try {
            return MAPPER.readValue(envelope.data(), eventClass);
        } catch (IOException e) {
            throw new MalformedEventException(
                    "event " + envelope.id() + " of type " + envelope.type() + " does not parse as "
                            + eventClass.getSimpleName(),
                    e);
        }
    }

    /** The envelope's data as the record its type names, or null when this suite does not know the type. */
    public static DomainEvent data(EventEnvelope envelope) {
        return EventCatalog.byType(envelope.type())
                .map(c -> (DomainEvent) data(envelope, c))
                .orElse(null);
    }

    /** Kafka binary-mode headers for the envelope. */
    public static List<Header> headers(EventEnvelope e) {
        List<Header> headers = new ArrayList<>();
        headers.add(header("specversion", EventEnvelope.SPEC_VERSION));
        headers.add(header("id", e.id()));
        headers.add(header("source", e.source().toString()));
        headers.add(header("type", e.type()));
        if (e.time() != null) {
            headers.add(header("time", e.time().toString()));
        }
        if (e.subject() != null) {
            headers.add(header("subject", e.subject()));
        }
        if (e.dataSchema() != null) {
            headers.add(header("dataschema", e.dataSchema().toString()));
        }
        if (e.correlationId() != null) {
            headers.add(header(CORRELATION_EXTENSION, e.correlationId()));
        }
        headers.add(new RecordHeader(CONTENT_TYPE_HEADER, EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** Reads a Kafka record in binary mode; throws {@link MalformedEventException} when required attributes are missing. */
    public static EventEnvelope fromKafka(Headers headers, byte[] value) {
        String specVersion = header(headers, "specversion");
        if (!EventEnvelope.SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("not a CloudEvents 1.0 record (ce_specversion=" + specVersion + ")");
        }
        String id = required(headers, "id");
        String source = required(headers, "source");
        String type = required(headers, "type");
        if (value == null) {
            throw new MalformedEventException("event " + id + " has no body");
        }
        try {
            String time = header(headers, "time");
            String schema = header(headers, "dataschema");
            return new EventEnvelope(
                    id,
                    URI.create(source),
                    type,
                    time == null ? null : Instant.parse(time),
                    header(headers, "subject"),
                    schema == null ? null : URI.create(schema),
                    header(headers, CORRELATION_EXTENSION),
                    value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("event " + id + " has a malformed attribute", e);
        }
    }

    private static Header header(String attribute, String value) {
        return new RecordHeader(HEADER_PREFIX + attribute, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(Headers headers, String attribute) {
        Header h = headers.lastHeader(HEADER_PREFIX + attribute);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String attribute) {
        String v = header(headers, attribute);
        if (v == null || v.isBlank()) {
            throw new MalformedEventException("record lacks required CloudEvents attribute ce_" + attribute);
        }
        return v;
    }
}
