package se.kvalitet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.e2e.StackTokens;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.localstack.Service;

/**
 * Issue 7, token cost: requests per second of deviation-service called directly and through the
 * gateway, with the same real Keycloak token, side by side, first with the verified-token cache
 * off in both (the baseline: the JWT is verified at the edge and again in the service), then on.
 * The target is gateway ≥ 0.8 × direct with the cache on.
 *
 * <p>Run on demand (never in CI): {@code ./mvnw -B -pl e2e-tests -am verify -Pbench -Dtest=TokenCostBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Settings: {@code -Dbench.threads=8 -Dbench.seconds=15
 * -Dbench.warmup=30} (shorter warm-ups leave the gateway's JIT compiling through the measured runs),
 * {@code -Dbench.cache=on|off|both}, and {@code -Dbench.jfr=true} to record the gateway and
 * deviation-service with Java Flight Recorder ({@code e2e-tests/target/bench-jfr/}).
 * The load generator shares the machine with the services, so absolute figures are low on
 * 2 cores; the ratio in one run is what the harness compares.
 */
@Tag("bench")
class TokenCostBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int THREADS = Integer.getInteger("bench.threads", 8);
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 30);
    /** {@code both} (the default), {@code on} or {@code off}: which cache settings to measure. */
    static final String CACHE = System.getProperty("bench.cache", "both");
    /** Record the whole run of the gateway and deviation-service with Java Flight Recorder (target/bench-jfr/). */
    static final boolean JFR = Boolean.getBoolean("bench.jfr");

    record Result(boolean cache, double direct, double gateway) {}

    @Test
    void gatewayAgainstDirectWithAndWithoutTheTokenCache() throws Exception {
        List<Result> results = new ArrayList<>();
        for (boolean cache : new boolean[] {false, true}) {
            if (CACHE.equals("both") || CACHE.equals(cache ? "on" : "off")) {
                results.add(measure(cache));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "%n=== token cost: GET /deviation/v1/deviations/{id}, %d client threads, %d s per run ===%n",
                THREADS, SECONDS));
        sb.append(String.format(
                "%-26s %14s %14s %10s%n", "token verification", "direct req/s", "gateway req/s", "ratio"));
        for (Result r : results) {
            sb.append(String.format(
                    "%-26s %14.0f %14.0f %10.2f%n",
                    r.cache() ? "cached (this change)" : "every request (baseline)",
                    r.direct(),
                    r.gateway(),
                    r.gateway() / r.direct()));
        }
        System.out.print(sb);
        assertThat(results).isNotEmpty();
    }

    Result measure(boolean cache) throws Exception {
        LocalStack.Builder b = LocalStack.builder()
                .temporary()
                .randomPorts()
                .keycloakInMemory(true)
                .environment("KVALITET_TOKEN_CACHE_ENABLED", Boolean.toString(cache))
                // measure verification, not the per-client rate limit
                .environment(Service.GATEWAY, "KVALITET_GATEWAY_RATE_LIMIT_ENABLED", "false")
                .environment("QUARKUS_LOG_LEVEL", "WARN")
                .progress(line -> System.out.println("[bench] " + line));
        String root = System.getProperty("kvalitet.repo-root");
        if (root != null) {
            b.repoRoot(Path.of(root));
        }
        if (JFR) {
            Path dir = Path.of("target", "bench-jfr").toAbsolutePath();
            java.nio.file.Files.createDirectories(dir);
            for (Service s : List.of(Service.GATEWAY, Service.DEVIATION)) {
                b.environment(
                        s,
                        "JAVA_TOOL_OPTIONS",
                        "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                                + dir.resolve("token-" + (cache ? "cached" : "uncached") + "-" + s.module() + ".jfr"));
            }
        }
        try (LocalStack stack = b.build().start()) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String token = StackTokens.user(http, stack, "karin");
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/deviation/v1/deviations"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("""
                            {"summary":"Mätning","description":"Belastningsmätning.","occurredAt":"2026-11-20T18:30:00Z",
                             "noticedAt":"2026-11-20T20:45:00Z","orgUnitId":"00000000-0000-4000-8000-000000000011",
                             "suggestedCategory":"OTHER_DEVIATION"}"""))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String path = "/deviation/v1/deviations/"
                    + JSON.readTree(created.body()).get("id").asText();
            String direct = stack.serviceUrl(Service.DEVIATION) + path;
            String gateway = stack.gatewayUrl() + path;
            run(http, direct, token, WARMUP_SECONDS);
            run(http, gateway, token, WARMUP_SECONDS);
            // alternate to spread drift (JIT, GC, the other core) evenly over both
            double d1 = run(http, direct, token, SECONDS);
            double g1 = run(http, gateway, token, SECONDS);
            double g2 = run(http, gateway, token, SECONDS);
            double d2 = run(http, direct, token, SECONDS);
            return new Result(cache, (d1 + d2) / 2, (g1 + g2) / 2);
        }
    }

    /** Requests per second that {@link #THREADS} closed-loop clients get for {@code seconds}; every answer must be 200. */
    static double run(HttpClient http, String url, String token, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<long[]>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < THREADS; i++) {
            futures.add(pool.submit(() -> {
                long ok = 0;
                long failed = 0;
                while (!stop.get()) {
                    int s = http.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (s == 200) {
                        ok++;
                    } else {
                        failed++;
                    }
                }
                return new long[] {ok, failed};
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long ok = 0;
        long failed = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            ok += r[0];
            failed += r[1];
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        assertThat(failed).as("non-200 answers from " + url).isZero();
        return ok / elapsed;
    }
}
