package se.kvalitet.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving service behind the {@code /flaky/} route, on a plain socket so that it can fail the
 * way a real one does, which an HTTP server library would not let it:
 *
 * <ul>
 * <li>{@code /flaky/v1/echo}: 200;</li>
 * <li>{@code /flaky/v1/drop-after-body/<key>}: reads the whole request, then closes the connection
 * without an answer (a service that died after receiving it); the second request with the same key is
 * answered 200 (a restarted one);</li>
 * <li>{@code /flaky/v1/silent}: reads the request and never answers;</li>
 * <li>{@code /flaky/v1/unavailable}: 503 (a service that says it is unwell);</li>
 * <li>{@code /q/health/ready}: UP or DOWN as {@link #ready} says, counting probes;</li>
 * <li>{@code /q/openapi}: an empty document.</li>
 * </ul>
 * Every answer closes the connection.
 */
final class FlakyService {

    static volatile boolean ready = true;
    static final AtomicInteger READINESS_PROBES = new AtomicInteger();
    /** Requests to {@code /flaky/...}, by path. */
    static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();
    private static ServerSocket server;
    private static ExecutorService pool;

    private FlakyService() {}

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "flaky-service");
            t.setDaemon(true);
            return t;
        });
        pool.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    OPEN.add(s);
                    pool.submit(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    static int port() {
        return server.getLocalPort();
    }

    static int hits(String path) {
        AtomicInteger n = HITS.get(path);
        return n == null ? 0 : n.get();
    }

    static synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        OPEN.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
        pool.shutdownNow();
        server = null;
    }

    private static void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            String path = requestLine[1];
            long length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                }
            }
            in.readNBytes((int) length);
            OutputStream out = s.getOutputStream();
            if (path.startsWith("/q/health/ready")) {
                READINESS_PROBES.incrementAndGet();
                answer(out, ready ? 200 : 503, "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\"}");
                return;
            }
            if (path.startsWith("/q/openapi")) {
                answer(
                        out,
                        200,
                        "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"flaky\",\"version\":\"1\"},\"paths\":{}}");
                return;
            }
            int hit = HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.startsWith("/flaky/v1/drop-after-body/") && hit == 1) {
                return; // received, then gone without a word
            }
            if (path.equals("/flaky/v1/silent")) {
                while (in.read() >= 0) {
                    // until the gateway gives up and closes
                }
                return;
            }
            if (path.equals("/flaky/v1/unavailable")) {
                answer(out, 503, "{\"status\":503}");
                return;
            }
            answer(out, 200, "{\"service\":\"flaky\",\"hit\":" + hit + "}");
        } catch (IOException e) {
            // the gateway closed the connection
        } finally {
            OPEN.remove(s);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void answer(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
