package se.kvalitet.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import se.kvalitet.testing.FreePorts;

/**
 * Four stand-ins for the services, each a real HTTP server on loopback: {@code /q/openapi} serves a
 * small document, {@code /q/health/ready} is UP, {@code /<prefix>/v1/echo} answers with what arrived
 * (headers, body length and hash), {@code /<prefix>/v1/slow} takes 3 s. A server can be stopped and
 * started again to play a service that is down. Services also answer {@code /<prefix>/v1/created} (201
 * with a {@code Location} at their own address), {@code cached} (their own {@code Cache-Control}) and
 * {@code page} (HTML), and echo {@code X-Correlation-Id} as the real ones do. {@link FlakyService} is
 * a fifth, misbehaving one.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    static final List<String> NAMES = List.of("deviation", "registry", "followup", "report");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
    static final Map<String, HttpServer> SERVERS = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String name : NAMES) {
            int port = FreePorts.pick();
            PORTS.put(name, port);
            startServer(name);
            config.put("kvalitet.gateway.routes." + name + ".url", "http://127.0.0.1:" + port);
        }
        config.put("kvalitet.gateway.routes.report.timeout", "PT1S");
        // one route with a small limit of its own (the others take the gateway's 1 MB)
        config.put("kvalitet.gateway.routes.deviation.max-body-size", "64K");
        config.put("kvalitet.gateway.routes.followup.max-body-size", "1M");
        FlakyService.start();
        config.put("kvalitet.gateway.routes.flaky.prefix", "/flaky/");
        config.put("kvalitet.gateway.routes.flaky.url", "http://127.0.0.1:" + FlakyService.port());
        config.put("kvalitet.gateway.routes.flaky.timeout", "PT1S");
        config.put("kvalitet.gateway.circuit-breaker.open-for", "PT1S");
        config.put("kvalitet.gateway.circuit-breaker.probe-interval", "PT0.2S");
        config.put("kvalitet.gateway.connections.request-head-timeout", "PT1S");
        config.put("kvalitet.gateway.rate-limit.anonymous-capacity", "12");
        config.put("kvalitet.gateway.rate-limit.anonymous-refill-per-minute", "6");
        config.put("kvalitet.gateway.max-body-bytes", "1048576");
        config.put("kvalitet.gateway.rate-limit.capacity", "30");
        config.put("kvalitet.gateway.rate-limit.refill-per-second", "1");
        config.put("kvalitet.gateway.openapi-cache-for", "PT0S");
        return config;
    }

    @Override
    public void stop() {
        SERVERS.values().forEach(s -> s.stop(0));
        SERVERS.clear();
        FlakyService.stop();
    }

    static void stopServer(String name) {
        HttpServer s = SERVERS.remove(name);
        if (s != null) {
            s.stop(0);
        }
    }

    static void startServer(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORTS.get(name)), 50);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> handle(name, exchange));
            server.start();
            SERVERS.put(name, server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void handle(String name, HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        // like the services (platform/web CorrelationIdFilter): the id comes back on the response
        String cid = ex.getRequestHeaders().getFirst("X-Correlation-Id");
        if (cid != null) {
            ex.getResponseHeaders().set("X-Correlation-Id", cid);
        }
        String self = "http://127.0.0.1:" + PORTS.get(name);
        try (ex) {
            if (path.equals("/q/openapi")) {
                send(ex, 200, "application/json", openApi(name));
            } else if (path.equals("/q/health/ready")) {
                send(ex, 200, "application/json", "{\"status\":\"UP\"}");
            } else if (path.equals("/" + name + "/v1/echo")) {
                MessageDigest sha;
                try {
                    sha = MessageDigest.getInstance("SHA-256");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long length = 0;
                try (InputStream in = ex.getRequestBody()) {
                    byte[] buf = new byte[65536];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        sha.update(buf, 0, n);
                        length += n;
                    }
                }
                ObjectNode echo = JSON.createObjectNode();
                echo.put("service", name);
                echo.put("method", ex.getRequestMethod());
                echo.put("uri", ex.getRequestURI().toString());
                echo.put("bodyLength", length);
                echo.put("bodySha256", HexFormat.of().formatHex(sha.digest()));
                ObjectNode headers = echo.putObject("headers");
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                send(ex, 200, "application/json", echo.toString());
            } else if (path.equals("/" + name + "/v1/created")) {
                ex.getRequestBody().readAllBytes();
                ex.getResponseHeaders().set("Location", self + "/" + name + "/v1/things/42?view=full");
                ex.getResponseHeaders().set("Content-Location", self + "/" + name + "/v1/things/42");
                send(ex, 201, "application/json", "{\"id\":42}");
            } else if (path.equals("/" + name + "/v1/elsewhere")) {
                ex.getResponseHeaders().set("Location", "https://other.example/things/42");
                send(ex, 201, "application/json", "{}");
            } else if (path.equals("/" + name + "/v1/cached")) {
                ex.getResponseHeaders().set("Cache-Control", "max-age=60");
                send(ex, 200, "application/json", "{}");
            } else if (path.equals("/" + name + "/v1/page")) {
                send(ex, 200, "text/html; charset=utf-8", "<!doctype html><title>x</title><p>x</p>");
            } else if (path.equals("/" + name + "/v1/slow")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, "application/json", "{}");
            } else {
                send(ex, 404, "application/problem+json", "{\"status\":404}");
            }
        }
    }

    static String openApi(String name) {
        // "Problem" differs per service (renamed when merged); "Shared" is the same everywhere (kept once);
        // "Internal" is referred to by nothing in the paths (left out of the merged document)
        return """
                {"openapi":"3.1.0","info":{"title":"%1$s","version":"1"},
                 "tags":[{"name":"%1$s things"}],
                 "paths":{"/%1$s/v1/things":{"get":{"operationId":"listThings","tags":["%1$s things"],"responses":{"400":{"description":"bad",
                   "content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                   "200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Shared"}}}}}}}},
                 "components":{"schemas":{
                   "Problem":{"type":"object","description":"problem of %1$s"},
                   "Shared":{"type":"object","properties":{"id":{"type":"string"}}},
                   "Internal":{"type":"object"}},
                   "securitySchemes":{"SecurityScheme":{"type":"http","scheme":"bearer","bearerFormat":"JWT"}}}}
                """.formatted(name);
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
