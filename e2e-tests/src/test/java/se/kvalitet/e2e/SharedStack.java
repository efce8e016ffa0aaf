package se.kvalitet.e2e;

import java.nio.file.Path;
import java.util.List;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.localstack.Service;

/**
 * The one packaged stack (four services, the gateway, PostgreSQL, Kafka and Keycloak with the demo
 * realm and demo data) that every end-to-end class of a test run uses: started by the first class
 * that asks, stopped when the test JVM exits (LocalStack's shutdown hook). Starting it once saves
 * a minute or more per class on two cores.
 *
 * <p>Kafka runs as a process of its own so that {@code ChaosIT} can freeze it; the JVMs run C1-only
 * ({@code quickStartJvms}: functional tests, not throughput; the benchmarks start their own stacks). Classes that change
 * the stack for good (kill, drop, pause) carry an {@code @Order} after {@link
 * org.junit.jupiter.api.Order#DEFAULT} so that they run last (junit-platform.properties), and leave
 * every service running when they end.
 */
public final class SharedStack {

    /** NotificationRestartIT: after every class without an order (it kills report-service), before the drill. */
    public static final int ORDER_NOTIFICATION_RESTART = org.junit.jupiter.api.Order.DEFAULT + 50;
    /** RecoveryDrillIT: after every class without an order. */
    public static final int ORDER_RECOVERY_DRILL = org.junit.jupiter.api.Order.DEFAULT + 100;
    /** ChaosIT: the very last. */
    public static final int ORDER_CHAOS = org.junit.jupiter.api.Order.DEFAULT + 200;

    private static LocalStack stack;
    private static RuntimeException failed;

    private SharedStack() {}

    /**
     * What the stack's services logged under a correlation id (the line and the stack trace after it), so a test that
     * meets a 5xx can say why: the stack's directory, logs included, is deleted when the test JVM exits.
     */
    public static String logsOf(String correlationId) {
        if (stack == null || correlationId == null || correlationId.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(stack.logDir())) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size() && out.length() < 6000; i++) {
                    if (!lines.get(i).contains(correlationId)) {
                        continue;
                    }
                    out.append('\n').append(file.getFileName()).append(": ").append(lines.get(i));
                    for (int j = i + 1; j < lines.size() && j <= i + 25; j++) {
                        String next = lines.get(j);
                        if (!next.startsWith("\t") && !next.startsWith("Caused by") && !next.startsWith(" ")) {
                            break;
                        }
                        out.append('\n').append(next);
                    }
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            out.append("\n(logs not readable: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    public static synchronized LocalStack get() {
        if (failed != null) {
            throw new IllegalStateException("the shared stack failed to start (see the first class's error)", failed);
        }
        if (stack == null) {
            LocalStack.Builder b = LocalStack.builder()
                    .temporary()
                    .randomPorts()
                    .keycloakInMemory(true)
                    .demoData(true)
                    .kafkaProcess(true)
                    // functional tests: C1-only JVMs get every service (and each chaos restart) ready sooner
                    .quickStartJvms()
                    // every request of the suite comes from one address; the gateway's limit for requests
                    // without a valid token is per address (20, then 5/s) and would answer the authorization
                    // matrix's anonymous rows with 429 instead of 401. That limit is the gateway module's test.
                    .environment(Service.GATEWAY, "KVALITET_GATEWAY_RATE_LIMIT_ANONYMOUS_CAPACITY", "2000")
                    .environment(Service.GATEWAY, "KVALITET_GATEWAY_RATE_LIMIT_ANONYMOUS_REFILL_PER_MINUTE", "60000")
                    // report-service reads the directory (Keycloak) every 5 s instead of hourly and makes the daily
                    // digests from midnight, checked every 5 s, so NotificationDirectoryIT sees a person given a role
                    // in Keycloak mailed within seconds at any time of day
                    .environment(Service.REPORT, "KVALITET_NOTIFICATION_DIRECTORY_INTERVAL", "5s")
                    .environment(Service.REPORT, "KVALITET_NOTIFICATION_DIRECTORY_FIRST_DELAY", "1s")
                    .environment(Service.REPORT, "KVALITET_NOTIFICATION_DIGEST_TIME", "00:00")
                    .environment(Service.REPORT, "KVALITET_NOTIFICATION_DIGEST_CHECK_INTERVAL", "5s")
                    // the mail sender passes every second (5 s in production) and a claimed mail's lease is 15 s
                    // (2 min): NotificationRestartIT's mails that a SIGKILLed report-service had claimed go out
                    // again within its minute, not two
                    .environment(Service.REPORT, "KVALITET_NOTIFICATION_SENDER_INTERVAL", "1s")
                    .environment(Service.REPORT, "KVALITET_NOTIFICATION_SENDER_LEASE", "PT15S")
                    .progress(line -> System.out.println("[stack] " + line));
            String root = System.getProperty("kvalitet.repo-root");
            if (root != null) {
                b.repoRoot(Path.of(root));
            }
            long t0 = System.nanoTime();
            try {
                stack = b.build().start();
            } catch (RuntimeException e) {
                failed = e;
                throw e;
            }
            System.out.printf(
                    "[stack] suite ready in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, stack.readyTimes());
        }
        return stack;
    }
}
