package se.kvalitet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.localstack.Service;

/**
 * Issue 3, item 14: intake throughput and p50/p99 latency with N concurrent clients, posting
 * reports to deviation-service directly and through the gateway (real Keycloak token, real
 * PostgreSQL and Kafka, the packaged suite), against raw single-row INSERTs of a report-sized row
 * into the same PostgreSQL server, measured in the same run. Target: gateway ≥ 0.5 × raw. By default
 * PostgreSQL runs durable (fsync, synchronous commit), as production does; {@code -Dbench.durable=false}
 * runs it with the test settings instead.
 *
 * <p>Run on demand (never in CI): {@code ./mvnw -B -DskipTests package} then
 * {@code ./mvnw -B -pl e2e-tests verify -Pbench -Dtest=IntakeBenchmark}. Settings:
 * {@code -Dbench.threads=8 -Dbench.seconds=15 -Dbench.warmup=5 -Dbench.durable=true}. The load generator shares the
 * machine with the services, so absolute figures are low on 2 cores; the ratios of one run are
 * what the harness compares.
 */
@Tag("bench")
class IntakeBenchmark {

    static final int THREADS = Integer.getInteger("bench.threads", 8);
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 5);
    static final boolean DURABLE = Boolean.parseBoolean(System.getProperty("bench.durable", "true"));
    static final String BODY = """
            {"summary":"Läkemedel gavs vid fel tid","description":"Kvällsdosen gavs två timmar för sent eftersom besöket flyttades.",
             "occurredAt":"2026-11-20T18:30:00Z","noticedAt":"2026-11-20T20:45:00Z",
             "orgUnitId":"00000000-0000-4000-8000-000000000011","suggestedCategory":"OTHER_DEVIATION",
             "immediateActions":"Sjuksköterska kontaktad."}""";

    /** Throughput and latency of one run. */
    record Figures(String name, double perSecond, double p50Millis, double p99Millis, long failed) {
    }

    interface Call {
        /** One request; true when it succeeded. */
        boolean once() throws Exception;
    }

    @Test
    void intakeDirectAndThroughTheGatewayAgainstRawInserts() throws Exception {
        // durable (the default): PostgreSQL with fsync and synchronous commit, as a system of record runs; -Dbench.durable=false
        // measures the test settings (fsync off), where a raw insert costs next to nothing
        Path state = java.nio.file.Files.createTempDirectory("kvalitet-intake-bench");
        LocalStack.Builder b = (DURABLE ? LocalStack.builder().stateDir(state).fresh(true) : LocalStack.builder().temporary())
                .randomPorts().keycloakInMemory(true)
                // measure intake, not the per-client rate limit
                .environment(Service.GATEWAY, "KVALITET_GATEWAY_RATE_LIMIT_ENABLED", "false")
                .environment("QUARKUS_LOG_LEVEL", "WARN")
                .progress(line -> System.out.println("[bench] " + line));
        String root = System.getProperty("kvalitet.repo-root");
        if (root != null) {
            b.repoRoot(Path.of(root));
        }
        try (LocalStack stack = b.build().start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String token = caseSystemToken(http, stack);
            String jdbc = stack.jdbcUrl("deviation");
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
                c.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_raw_insert (id UUID PRIMARY KEY, summary VARCHAR(200) NOT NULL,"
                        + " description VARCHAR(10000) NOT NULL, occurred_at TIMESTAMPTZ NOT NULL, org_unit_id UUID NOT NULL,"
                        + " immediate_actions VARCHAR(4000), created_at TIMESTAMPTZ NOT NULL)");
            }
            Call direct = post(http, stack.serviceUrl(Service.DEVIATION) + "/deviation/v1/deviations", token);
            Call gateway = post(http, stack.gatewayUrl() + "/deviation/v1/deviations", token);
            ThreadLocal<PreparedStatement> insert = ThreadLocal.withInitial(() -> {
                try {
                    Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
                    return c.prepareStatement("INSERT INTO bench_raw_insert (id, summary, description, occurred_at, org_unit_id,"
                            + " immediate_actions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Call raw = () -> {
                PreparedStatement ps = insert.get();
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, "Läkemedel gavs vid fel tid");
                ps.setString(3, "Kvällsdosen gavs två timmar för sent eftersom besöket flyttades.");
                ps.setTimestamp(4, Timestamp.from(Instant.parse("2026-11-20T18:30:00Z")));
                ps.setObject(5, UUID.fromString("00000000-0000-4000-8000-000000000011"));
                ps.setString(6, "Sjuksköterska kontaktad.");
                ps.setTimestamp(7, Timestamp.from(Instant.now()));
                return ps.executeUpdate() == 1;
            };
            for (Call warm : List.of(raw, direct, gateway)) {
                run("warmup", warm, WARMUP_SECONDS);
            }
            // alternate to spread drift (JIT, GC, the other core) evenly
            List<Figures> rawRuns = new ArrayList<>();
            List<Figures> directRuns = new ArrayList<>();
            List<Figures> gatewayRuns = new ArrayList<>();
            rawRuns.add(run("raw INSERT", raw, SECONDS));
            directRuns.add(run("direct POST", direct, SECONDS));
            gatewayRuns.add(run("gateway POST", gateway, SECONDS));
            gatewayRuns.add(run("gateway POST", gateway, SECONDS));
            directRuns.add(run("direct POST", direct, SECONDS));
            rawRuns.add(run("raw INSERT", raw, SECONDS));
            Figures r = mean(rawRuns);
            Figures d = mean(directRuns);
            Figures g = mean(gatewayRuns);
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%n=== intake: %d concurrent clients, 2 x %d s per mode, same PostgreSQL (%s) ===%n", THREADS, SECONDS,
                    DURABLE ? "fsync and synchronous commit on" : "fsync off"));
            sb.append(String.format("%-30s %10s %9s %9s %12s%n", "mode", "per s", "p50 ms", "p99 ms", "x raw"));
            for (Figures f : List.of(r, d, g)) {
                sb.append(String.format("%-30s %10.0f %9.1f %9.1f %12.2f%n", f.name(), f.perSecond(), f.p50Millis(), f.p99Millis(),
                        f.perSecond() / r.perSecond()));
            }
            sb.append(String.format("target: gateway >= 0.50 x raw -> %s%n", g.perSecond() >= 0.5 * r.perSecond() ? "met" : "NOT met"));
            System.out.print(sb);
            assertThat(r.failed() + d.failed() + g.failed()).as("failed requests").isZero();
        } finally {
            try (var files = java.nio.file.Files.walk(state)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The case-management system's token (client credentials): the machine intake the benchmark loads. */
    static String caseSystemToken(HttpClient http, LocalStack stack) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=case-system&client_secret=case-system-secret"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("access_token").asText();
    }

    static Call post(HttpClient http, String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        return () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
    }

    static Figures mean(List<Figures> runs) {
        return new Figures(runs.get(0).name(), runs.stream().mapToDouble(Figures::perSecond).average().orElseThrow(),
                runs.stream().mapToDouble(Figures::p50Millis).average().orElseThrow(),
                runs.stream().mapToDouble(Figures::p99Millis).average().orElseThrow(), runs.stream().mapToLong(Figures::failed).sum());
    }

    /** {@link #THREADS} closed-loop clients for {@code seconds}: throughput, latency percentiles, failures. */
    static Figures run(String name, Call call, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<long[]>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < THREADS; i++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                long failed = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    boolean ok = call.once();
                    long took = System.nanoTime() - start;
                    if (!ok) {
                        failed++;
                    } else {
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = took;
                    }
                }
                long[] out = Arrays.copyOf(latencies, n + 1);
                out[n] = failed;
                return out;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        List<Long> all = new ArrayList<>();
        long failed = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            for (int i = 0; i < r.length - 1; i++) {
                all.add(r[i]);
            }
            failed += r[r.length - 1];
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Figures(name, sorted.length / elapsed, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, failed);
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
