package se.kvalitet.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** RFC 9457 problem documents written straight to a Vert.x response (the proxy does not pass through JAX-RS). */
final class Problems {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE_BASE = "https://kvalitet.se/problems/";

    private Problems() {
    }

    static Buffer body(int status, String slug, String title, String detail, String correlationId) {
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
        return Buffer.buffer(p.toString());
    }

    static void send(HttpServerResponse response, int status, String slug, String title, String detail, String correlationId) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(body(status, slug, title, detail, correlationId));
    }
}
