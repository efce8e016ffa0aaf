package se.kvalitet.events;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event as it travels in Kafka binary mode: the attributes go in {@code ce_*}
 * headers, {@link #data()} is the JSON body, the Kafka key is {@link #subject()} (the aggregate id).
 *
 * @param id            unique per event; consumers deduplicate on it (inbox)
 * @param source        the producing service, e.g. {@code /kvalitet/deviation-service}
 * @param type          versioned type name, e.g. {@code se.kvalitet.deviation.reported.v1}
 * @param time          when the state change happened
 * @param subject       the aggregate id
 * @param dataSchema    URI of the JSON Schema of {@link #data()}
 * @param correlationId the request's {@code X-Correlation-Id} (extension {@code correlationid}), may be null
 * @param data          UTF-8 JSON
 */
public record EventEnvelope(
        String id,
        URI source,
        String type,
        Instant time,
        String subject,
        URI dataSchema,
        String correlationId,
        byte[] data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
