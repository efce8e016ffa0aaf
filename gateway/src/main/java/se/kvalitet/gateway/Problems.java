package se.kvalitet.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * RFC 9457 problem documents written straight to a Vert.x response (the proxy does not pass through
 * JAX-RS). Every 4xx and 5xx the gateway itself answers is one of these, with the correlation id.
 */
final class Problems {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE_BASE = "https://kvalitet.se/problems/";
    static final String CONTENT_TYPE = "application/problem+json";

    /** What the gateway knows about a request it could not bring back an answer for (issue 18: retry contract). */
    enum Outcome {
        /** The service did not receive the whole request: nothing was carried out, safe to send again. */
        NOT_PROCESSED("not-processed"),
        /** The service received the whole request but its answer did not arrive: it may or may not have been carried out. */
        UNKNOWN("unknown");

        final String value;

        Outcome(String value) {
            this.value = value;
        }
    }

    private Problems() {}

    static Buffer body(int status, String slug, String title, String detail, String correlationId) {
        return body(status, slug, title, detail, correlationId, null);
    }

    static Buffer body(int status, String slug, String title, String detail, String correlationId, Outcome outcome) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", TYPE_BASE + slug);
        p.put("title", title);
        p.put("status", status);
        if (detail != null) {
            p.put("detail", detail);
        }
        if (correlationId != null) {
            p.put("correlationId", correlationId);
        }
        if (outcome != null) {
            p.put("outcome", outcome.value);
        }
        return Buffer.buffer(p.toString());
    }

    static void send(
            HttpServerResponse response, int status, String slug, String title, String detail, String correlationId) {
        send(response, status, slug, title, detail, correlationId, null);
    }

    static void send(
            HttpServerResponse response,
            int status,
            String slug,
            String title,
            String detail,
            String correlationId,
            Outcome outcome) {
        if (response.ended() || response.headWritten() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).putHeader("Cache-Control", "no-store");
        if (correlationId != null) {
            response.headers().set(Correlation.HEADER, correlationId);
        }
        boolean close = "close".equalsIgnoreCase(response.headers().get("Connection"));
        response.end(body(status, slug, title, detail, correlationId, outcome)).onComplete(ar -> {
            if (close) {
                response.close(); // the rest of an unread body is not worth reading
            }
        });
    }
}
