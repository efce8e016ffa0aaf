package se.kvalitet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A case-management system's webhook endpoint as an integrator would write one (issue 19 item 2): it answers the
 * CloudEvents validation handshake, checks each delivery's Standard Webhooks signature with the subscription's secret
 * and keeps what arrived, by {@code webhook-id}.
 */
final class WebhookReceiver implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery as it arrived. */
    record Delivery(String id, String type, String subject, String stage, boolean signatureValid) {}

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile String secret;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        WebhookReceiver r = new WebhookReceiver(server);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 204;
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                String origin = exchange.getRequestHeaders().getFirst("WebHook-Request-Origin");
                exchange.getResponseHeaders().add("WebHook-Allowed-Origin", origin == null ? "*" : origin);
                status = 200;
            } else {
                r.received(
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return r;
    }

    private void received(String id, String timestamp, String signature, byte[] body) {
        boolean valid = false;
        String type = null;
        String subject = null;
        String stage = null;
        try {
            String s = secret;
            valid = s != null
                    && id != null
                    && timestamp != null
                    && signature != null
                    && signature.equals(sign(s, id, Long.parseLong(timestamp), body));
            JsonNode event = JSON.readTree(body);
            type = event.path("type").asText(null);
            subject = event.path("subject").asText(null);
            stage = event.path("data").path("stage").asText(null);
        } catch (IOException | RuntimeException e) {
            valid = false;
        }
        deliveries.add(new Delivery(id, type, subject, stage, valid));
    }

    static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subscription's secret, to check signatures with. */
    void secret(String s) {
        secret = s;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/kvalitet/events";
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** How often each webhook-id arrived. */
    Map<String, Long> timesPerId() {
        return deliveries.stream().collect(Collectors.groupingBy(Delivery::id, Collectors.counting()));
    }

    /** Subscribes the token's system through the gateway to {@code types}; returns the subscription's id. */
    String subscribe(HttpClient http, String gatewayUrl, String token, String... types) throws Exception {
        String body = JSON.createObjectNode()
                .put("url", url())
                .set("types", JSON.valueToTree(List.of(types)))
                .toString();
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(gatewayUrl + "/deviation/v1/webhook-subscriptions"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("subscribing failed: " + r.statusCode() + " " + r.body());
        }
        JsonNode created = JSON.readTree(r.body());
        secret = created.get("secret").asText();
        return created.get("id").asText();
    }

    static <T> Map<T, Long> count(List<Delivery> ds, Function<Delivery, T> by) {
        return ds.stream().collect(Collectors.groupingBy(by, Collectors.counting()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
