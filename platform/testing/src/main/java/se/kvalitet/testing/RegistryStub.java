package se.kvalitet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP server that plays process-registry-service in a consuming service's tests: the registry is
 * outside the module under test, so a test says what the registry answers for a path (its documented
 * response, a 404, a 503) and reads what the service sent (the {@code Authorization} header it
 * forwarded, how often it asked). Paths nobody answered for are a 404 problem, as the registry answers
 * an unknown unit. Started once per JVM by {@link RegistryStubTestResource}.
 */
public final class RegistryStub {

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();
    private static final Map<String, Integer> CALLS = new ConcurrentHashMap<>();
    private static HttpServer http;

    private RegistryStub() {}

    /** A canned answer: status and JSON body. */
    public record Answer(int status, String json) {}

    /** The base URL (no trailing slash); starts the server on a free loopback port at first use. */
    public static synchronized String start() {
        if (http == null) {
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            http.createContext("/", RegistryStub::handle);
            http.start();
        }
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public static synchronized void stop() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
    }

    /** From now on {@code path} is answered with {@code status} and {@code json}. */
    public static void answer(String path, int status, String json) {
        ANSWERS.put(path, new Answer(status, json));
    }

    /** The {@code Authorization} header of the last request for {@code path}, or null. */
    public static String authorization(String path) {
        return AUTHORIZATION.get(path);
    }

    /** How many requests for {@code path} arrived. */
    public static int calls(String path) {
        return CALLS.getOrDefault(path, 0);
    }

    private static void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        CALLS.merge(path, 1, Integer::sum);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            AUTHORIZATION.put(path, auth);
        }
        Answer a = ANSWERS.getOrDefault(
                path,
                new Answer(
                        404,
                        "{\"type\":\"https://kvalitet.example/problems/not-found\",\"title\":\"Not found\",\"status\":404}"));
        byte[] body = a.json().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", a.status() < 400 ? "application/json" : "application/problem+json");
        ex.sendResponseHeaders(a.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
