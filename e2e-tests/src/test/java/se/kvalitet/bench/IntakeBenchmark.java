package se.kvalitet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.e2e.StackTokens;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.localstack.Service;

/**
 * Issue 3 item 14, issue 18 item 5: intake throughput and p50/p99 latency with N concurrent clients,
 * posting reports to deviation-service directly and through the gateway (real Keycloak token, real
 * PostgreSQL and Kafka, the packaged suite), against the yardstick of what an engineer would build
 * instead: a bare Quarkus endpoint ({@code benchmarks/bare-intake}: Quarkus REST, the same Bean
 * Validation of the same body, the same quarkus-oidc token validation against the same Keycloak,
 * Hibernate ORM writing the report and one outbox row in one transaction into the same PostgreSQL
 * server), measured in the same run. Goals: direct ≥ 0.5 × bare, gateway ≥ 0.9 × direct. Raw
 * single-row INSERTs of a report-sized row stay as an extra row (the floor of the database alone). By
 * default PostgreSQL runs durable (fsync, synchronous commit), as production does;
 * {@code -Dbench.durable=false} runs it with the test settings instead.
 *
 * <p>Besides throughput and latency it prints, per mode, the CPU time per request of every process
 * on the machine (each service, the gateway, PostgreSQL with its backends, Keycloak, the load
 * generator's threads, and the rest of this JVM, which hosts the Kafka broker) and how busy the
 * machine was: on two shared cores that is what decides the rate.
 *
 * <p>Run on demand (never in CI): {@code ./mvnw -B -pl e2e-tests -am verify -Pbench -Dtest=IntakeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Settings: {@code -Dbench.threads=8} (a comma-separated
 * list sweeps client counts), {@code -Dbench.seconds=15 -Dbench.warmup=60} (per HTTP mode) {@code -Dbench.durable=true}, and
 * {@code -Dbench.jfr=true}: after the measured runs, one more direct and one gateway run with Java
 * Flight Recorder on deviation-service and the gateway ({@code e2e-tests/target/bench-jfr/}).
 * The load generator shares the machine with the services, so absolute figures are low on 2 cores;
 * the ratios of one run are what the harness compares.
 */
@Tag("bench")
class IntakeBenchmark {

    static final List<Integer> THREADS = Stream.of(
                    System.getProperty("bench.threads", "8").split(","))
            .map(String::strip)
            .map(Integer::valueOf)
            .toList();
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    /** Per HTTP mode: the services' JIT needs tens of thousands of requests before the figures settle. */
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 60);

    static final boolean DURABLE = Boolean.parseBoolean(System.getProperty("bench.durable", "true"));
    static final boolean JFR = Boolean.parseBoolean(System.getProperty("bench.jfr", "false"));
    static final String BODY = """
            {"summary":"Läkemedel gavs vid fel tid","description":"Kvällsdosen gavs två timmar för sent eftersom besöket flyttades.",
             "occurredAt":"2026-11-20T18:30:00Z","noticedAt":"2026-11-20T20:45:00Z",
             "orgUnitId":"00000000-0000-4000-8000-000000000011","suggestedCategory":"OTHER_DEVIATION",
             "immediateActions":"Sjuksköterska kontaktad."}""";
    static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();
    /** The yardstick's process name in the CPU table and its database on the stack's PostgreSQL server. */
    static final String BARE = "bare endpoint";

    static final String BARE_DATABASE = "bare";

    private String bareUrl;

    /** Throughput, latency, failures and CPU of one run. */
    record Figures(
            String name,
            int clients,
            double perSecond,
            double p50Millis,
            double p99Millis,
            long failed,
            Map<String, Double> cpuMillisPerRequest,
            double machineBusy,
            Map<String, Double> dbPerRequest) {}

    interface Call {
        /** One request by client number {@code client}; true when it succeeded. */
        boolean once(int client) throws Exception;
    }

    @Test
    void intakeDirectAndThroughTheGatewayAgainstABareEndpoint() throws Exception {
        // durable (the default): PostgreSQL with fsync and synchronous commit, as a system of record runs;
        // -Dbench.durable=false
        // measures the test settings (fsync off), where a raw insert costs next to nothing
        Path state = Files.createTempDirectory("kvalitet-intake-bench");
        LocalStack.Builder b = (DURABLE
                        ? LocalStack.builder().stateDir(state).fresh(true)
                        : LocalStack.builder().temporary())
                .randomPorts()
                .keycloakInMemory(true)
                // the demo organisation: intake accepts only units the registry has published (422 otherwise)
                .demoData(true)
                // measure intake, not the per-client rate limit
                .environment(Service.GATEWAY, "KVALITET_GATEWAY_RATE_LIMIT_ENABLED", "false")
                .environment("QUARKUS_LOG_LEVEL", "WARN")
                .progress(line -> System.out.println("[bench] " + line));
        String root = System.getProperty("kvalitet.repo-root");
        if (root != null) {
            b.repoRoot(Path.of(root));
        }
        int maxClients = THREADS.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<Connection> rawConnections = new ArrayList<>();
        Process bareProcess = null;
        try (LocalStack stack = b.build().start()) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            // the case-management system's token (client credentials): the machine intake the benchmark loads
            // renewed every minute: the runs (and the waits for a quiet machine) outlast a token's lifetime
            java.util.function.Supplier<String> token =
                    renewing(() -> StackTokens.client(http, stack, "case-system", "case-system-secret"));
            String jdbc = stack.jdbcUrl("deviation");
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
                c.createStatement()
                        .execute(
                                "CREATE TABLE IF NOT EXISTS bench_raw_insert (id UUID PRIMARY KEY, summary VARCHAR(200) NOT NULL,"
                                        + " description VARCHAR(10000) NOT NULL, occurred_at TIMESTAMPTZ NOT NULL, org_unit_id UUID NOT NULL,"
                                        + " immediate_actions VARCHAR(4000), created_at TIMESTAMPTZ NOT NULL)");
            }
            // the yardstick: a bare Quarkus endpoint (benchmarks/bare-intake) on its own database of the same server
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "postgres")) {
                c.createStatement().execute("CREATE DATABASE " + BARE_DATABASE);
            }
            bareProcess = startBare(stack, stack.repoRoot(), http);
            Call bare = post(http, bareUrl + "/bare/v1/reports", token);
            Call direct = post(http, stack.serviceUrl(Service.DEVIATION) + "/deviation/v1/deviations", token);
            Call gateway = post(http, stack.gatewayUrl() + "/deviation/v1/deviations", token);
            // one connection per client, autocommit: every INSERT is its own durable transaction
            List<PreparedStatement> inserts = new ArrayList<>();
            for (int i = 0; i < maxClients; i++) {
                Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
                rawConnections.add(c);
                inserts.add(c.prepareStatement(
                        "INSERT INTO bench_raw_insert (id, summary, description, occurred_at, org_unit_id,"
                                + " immediate_actions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
            }
            Call raw = client -> {
                PreparedStatement ps = inserts.get(client);
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, "Läkemedel gavs vid fel tid");
                ps.setString(3, "Kvällsdosen gavs två timmar för sent eftersom besöket flyttades.");
                ps.setTimestamp(4, Timestamp.from(Instant.parse("2026-11-20T18:30:00Z")));
                ps.setObject(5, UUID.fromString("00000000-0000-4000-8000-000000000011"));
                ps.setString(6, "Sjuksköterska kontaktad.");
                ps.setTimestamp(7, Timestamp.from(Instant.now()));
                return ps.executeUpdate() == 1;
            };
            awaitAccepted(direct, "deviation-service's copy of the demo organisation");
            awaitAccepted(gateway, "the gateway's route");
            awaitAccepted(bare, "the bare endpoint");
            Cpu cpu = new Cpu(stack);
            cpu.roots.put(BARE, bareProcess.pid());
            run("warmup raw", raw, maxClients, Math.min(5, WARMUP_SECONDS), cpu);
            run("warmup bare", bare, maxClients, WARMUP_SECONDS, cpu);
            run("warmup direct", direct, maxClients, WARMUP_SECONDS, cpu);
            run("warmup gateway", gateway, maxClients, WARMUP_SECONDS, cpu);
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    "%n=== intake: 2 x %d s per mode, same PostgreSQL (%s), %d cores ===%n",
                    SECONDS,
                    DURABLE ? "fsync and synchronous commit on" : "fsync off",
                    Runtime.getRuntime().availableProcessors()));
            List<Figures> all = new ArrayList<>();
            for (int clients : THREADS) {
                // alternate to spread drift (JIT, GC, the other core) evenly
                List<Figures> rawRuns = new ArrayList<>();
                List<Figures> bareRuns = new ArrayList<>();
                List<Figures> directRuns = new ArrayList<>();
                List<Figures> gatewayRuns = new ArrayList<>();
                rawRuns.add(run("raw INSERT", raw, clients, SECONDS, cpu));
                bareRuns.add(run("bare endpoint", bare, clients, SECONDS, cpu));
                directRuns.add(run("intake direct", direct, clients, SECONDS, cpu));
                gatewayRuns.add(run("intake via gateway", gateway, clients, SECONDS, cpu));
                gatewayRuns.add(run("intake via gateway", gateway, clients, SECONDS, cpu));
                directRuns.add(run("intake direct", direct, clients, SECONDS, cpu));
                bareRuns.add(run("bare endpoint", bare, clients, SECONDS, cpu));
                rawRuns.add(run("raw INSERT", raw, clients, SECONDS, cpu));
                all.addAll(List.of(mean(rawRuns), mean(bareRuns), mean(directRuns), mean(gatewayRuns)));
            }
            sb.append(throughputTable(all));
            sb.append(cpuTable(
                    all,
                    "CPU ms per request (user+system, all threads of the process)",
                    Figures::cpuMillisPerRequest,
                    true));
            sb.append(cpuTable(
                    all,
                    "PostgreSQL per request, per database (pg_stat_database: commits, rows written)",
                    Figures::dbPerRequest,
                    false));
            System.out.print(sb);
            if (JFR) {
                System.out.print(profile(stack, cpu, direct, gateway, maxClients));
            }
            assertThat(all.stream().mapToLong(Figures::failed).sum())
                    .as("failed requests")
                    .isZero();
        } finally {
            if (bareProcess != null) {
                bareProcess.destroy();
                if (!bareProcess.waitFor(20, TimeUnit.SECONDS)) {
                    bareProcess.destroyForcibly();
                }
            }
            for (Connection c : rawConnections) {
                c.close();
            }
            try (var files = Files.walk(state)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    static String throughputTable(List<Figures> all) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "%-20s %7s %9s %8s %8s %7s %7s %8s%n",
                "mode", "clients", "per s", "p50 ms", "p99 ms", "x bare", "x raw", "busy"));
        Figures raw = null;
        Figures bare = null;
        Figures direct = null;
        for (Figures f : all) {
            if (f.name().startsWith("raw")) {
                raw = f;
            } else if (f.name().startsWith("bare")) {
                bare = f;
            } else if (f.name().contains("direct")) {
                direct = f;
            }
            sb.append(String.format(
                    "%-20s %7d %9.0f %8.1f %8.1f %7.3f %7.3f %7.0f%%%n",
                    f.name(),
                    f.clients(),
                    f.perSecond(),
                    f.p50Millis(),
                    f.p99Millis(),
                    bare == null ? Double.NaN : f.perSecond() / bare.perSecond(),
                    raw == null ? Double.NaN : f.perSecond() / raw.perSecond(),
                    100 * f.machineBusy()));
            if (f.name().contains("gateway") && bare != null && direct != null) {
                double directShare = direct.perSecond() / bare.perSecond();
                double gatewayShare = f.perSecond() / direct.perSecond();
                sb.append(String.format(
                        "goals at %d clients: direct >= 0.5 x bare -> %.2f %s; gateway >= 0.9 x direct -> %.2f %s%n",
                        f.clients(),
                        directShare,
                        directShare >= 0.5 ? "met" : "NOT met",
                        gatewayShare,
                        gatewayShare >= 0.9 ? "met" : "NOT met"));
            }
        }
        return sb.toString();
    }

    /** CPU milliseconds per request of every process, per mode: where the two cores go. */
    static String cpuTable(
            List<Figures> all,
            String title,
            java.util.function.Function<Figures, Map<String, Double>> values,
            boolean total) {
        StringBuilder sb = new StringBuilder(String.format("%n%s%n", title));
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        all.forEach(f -> keys.addAll(values.apply(f).keySet()));
        List<String> parts = new ArrayList<>(keys);
        sb.append(String.format("%-28s", "process"));
        for (Figures f : all) {
            sb.append(String.format(" %12s", shortName(f)));
        }
        sb.append('\n');
        for (String part : parts) {
            sb.append(String.format("%-28s", part));
            for (Figures f : all) {
                sb.append(String.format(" %12.3f", values.apply(f).getOrDefault(part, Double.NaN)));
            }
            sb.append('\n');
        }
        if (!total) {
            return sb.toString();
        }
        sb.append(String.format("%-28s", "total"));
        for (Figures f : all) {
            sb.append(String.format(
                    " %12.3f",
                    f.cpuMillisPerRequest().entrySet().stream()
                            .filter(e -> !e.getKey().startsWith(" "))
                            .mapToDouble(Map.Entry::getValue)
                            .sum()));
        }
        sb.append('\n');
        return sb.toString();
    }

    static String shortName(Figures f) {
        String n = f.name().startsWith("raw")
                ? "raw"
                : f.name().startsWith("bare") ? "bare" : f.name().contains("gateway") ? "gateway" : "direct";
        return n + "@" + f.clients();
    }

    /**
     * One more direct and one gateway run with Java Flight Recorder (profile settings) on
     * deviation-service and the gateway; not part of the figures above.
     */
    static String profile(LocalStack stack, Cpu cpu, Call direct, Call gateway, int clients) throws Exception {
        Path dir = Path.of("target", "bench-jfr").toAbsolutePath();
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder(String.format("%nprofiled runs (JFR on, not counted above)%n"));
        for (Map.Entry<String, Call> mode : List.of(Map.entry("direct", direct), Map.entry("gateway", gateway))) {
            Map<String, Long> pids = new LinkedHashMap<>();
            for (String part : List.of(Service.DEVIATION.module(), Service.GATEWAY.module())) {
                cpu.pid(part).ifPresent(pid -> pids.put(part, pid));
            }
            for (var e : pids.entrySet()) {
                jcmd(e.getValue(), "JFR.start", "name=bench", "settings=profile");
            }
            Figures f = run("profiled " + mode.getKey(), mode.getValue(), clients, SECONDS, cpu);
            for (var e : pids.entrySet()) {
                Path file = dir.resolve(e.getKey() + "-" + mode.getKey() + ".jfr");
                jcmd(e.getValue(), "JFR.stop", "name=bench", "filename=" + file);
                sb.append(String.format("%-18s %6.0f/s  %s%n", f.name(), f.perSecond(), file));
            }
        }
        return sb.toString();
    }

    /**
     * Starts the packaged bare endpoint ({@code benchmarks/bare-intake}, built by {@code -Pbench}) with the
     * stack's PostgreSQL (database {@value #BARE_DATABASE}) and Keycloak issuer, the services' JVM options,
     * and waits until it answers.
     */
    Process startBare(LocalStack stack, Path repoRoot, HttpClient http) throws Exception {
        Path jar = repoRoot.resolve("benchmarks/bare-intake/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: run the benchmark with -Pbench (it packages the module)");
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        bareUrl = "http://127.0.0.1:" + port;
        Path log = stack.logDir().resolve(BARE + ".log");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl(BARE_DATABASE));
        pb.environment().put("QUARKUS_OIDC_AUTH_SERVER_URL", stack.issuer());
        pb.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the bare endpoint exited: see " + log);
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(bareUrl + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    System.out.println("[bench] bare endpoint ready on " + bareUrl + " (log " + log + ")");
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bare endpoint was not ready within 120 s: see " + log);
            }
            Thread.sleep(200);
        }
    }

    static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** The status of the last request that did not answer 201 (printed with a run that had failures). */
    static final java.util.concurrent.atomic.AtomicInteger LAST_FAILURE =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A token fetched again when it is a minute old (the access tokens of the stack live five minutes). */
    static java.util.function.Supplier<String> renewing(java.util.concurrent.Callable<String> fetch) {
        Object lock = new Object();
        String[] current = {null};
        long[] fetchedAt = {0};
        return () -> {
            synchronized (lock) {
                if (current[0] == null || System.nanoTime() - fetchedAt[0] > TimeUnit.MINUTES.toNanos(1)) {
                    try {
                        current[0] = fetch.call();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot fetch a token", e);
                    }
                    fetchedAt[0] = System.nanoTime();
                }
                return current[0];
            }
        };
    }

    static Call post(HttpClient http, String url, java.util.function.Supplier<String> token) {
        // a machine client sends a new Idempotency-Key with every new report (428 without one, issue 18)
        return client -> {
            int status = http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", "Bearer " + token.get())
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(BODY))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 201) {
                LAST_FAILURE.set(status);
            }
            return status == 201;
        };
    }

    /** Waits (up to 120 s) until {@code call} succeeds: the org copy is filled from the registry's events. */
    static void awaitAccepted(Call call, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!call.once(0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "intake still refused after 120 s (status " + LAST_FAILURE.get() + "): " + what);
            }
            Thread.sleep(500);
        }
    }

    static Figures mean(List<Figures> runs) {
        Map<String, Double> cpu = meanOf(runs, Figures::cpuMillisPerRequest);
        return new Figures(
                runs.get(0).name(),
                runs.get(0).clients(),
                runs.stream().mapToDouble(Figures::perSecond).average().orElseThrow(),
                runs.stream().mapToDouble(Figures::p50Millis).average().orElseThrow(),
                runs.stream().mapToDouble(Figures::p99Millis).average().orElseThrow(),
                runs.stream().mapToLong(Figures::failed).sum(),
                cpu,
                runs.stream().mapToDouble(Figures::machineBusy).average().orElseThrow(),
                meanOf(runs, Figures::dbPerRequest));
    }

    static Map<String, Double> meanOf(
            List<Figures> runs, java.util.function.Function<Figures, Map<String, Double>> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Figures f : runs) {
            for (String part : values.apply(f).keySet()) {
                out.computeIfAbsent(
                        part,
                        k -> runs.stream()
                                .mapToDouble(r -> values.apply(r).getOrDefault(k, 0.0))
                                .average()
                                .orElseThrow());
            }
        }
        return out;
    }

    /** {@code clients} closed-loop clients for {@code seconds}: throughput, latency percentiles, failures, CPU per request. */
    static Figures run(String name, Call call, int clients, int seconds, Cpu cpu) throws Exception {
        awaitQuiet(name);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        Cpu.Sample before = cpu.sample(0);
        long t0 = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int client = i;
            futures.add(pool.submit(() -> {
                long cpu0 = THREAD_CPU.getCurrentThreadCpuTime();
                long[] latencies = new long[1 << 16];
                int n = 0;
                long failed = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    boolean ok = call.once(client);
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
                long[] out = Arrays.copyOf(latencies, n + 2);
                out[n] = failed;
                out[n + 1] = THREAD_CPU.getCurrentThreadCpuTime() - cpu0;
                return out;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        List<long[]> results = new ArrayList<>();
        for (Future<long[]> f : futures) {
            results.add(f.get());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long failed = 0;
        long clientCpu = 0;
        int count = 0;
        for (long[] r : results) {
            count += r.length - 2;
            failed += r[r.length - 2];
            clientCpu += r[r.length - 1];
        }
        Cpu.Sample after = cpu.sample(clientCpu);
        pool.shutdown();
        long[] sorted = new long[count];
        int at = 0;
        for (long[] r : results) {
            System.arraycopy(r, 0, sorted, at, r.length - 2);
            at += r.length - 2;
        }
        Arrays.sort(sorted);
        Figures f = new Figures(
                name,
                clients,
                sorted.length / elapsed,
                percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6,
                failed,
                Cpu.perRequest(before.nanos(), after.nanos(), sorted.length, 1e6),
                Cpu.busy(before, after),
                Cpu.perRequest(before.db(), after.db(), sorted.length, 1));
        System.out.printf(
                "[bench] %-20s %3d clients %8.0f/s p50 %6.1f ms p99 %6.1f ms busy %3.0f%%%s cpu ms/req %s; db/req %s%n",
                name,
                clients,
                f.perSecond(),
                f.p50Millis(),
                f.p99Millis(),
                100 * f.machineBusy(),
                failed == 0 ? "" : " FAILED " + failed + " (last status " + LAST_FAILURE.get() + ")",
                format(f.cpuMillisPerRequest()),
                format(f.dbPerRequest()));
        return f;
    }

    /**
     * Waits (at most {@code bench.quiet-max} seconds, default 120) until the machine is below 25 % busy over
     * half a second: followup- and report-service work off the events of the previous run after it ends, and a
     * mode measured while they still do (the bare endpoint above all, which sends none) would pay for them.
     */
    static void awaitQuiet(String next) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.quiet-max", 120));
        double busy;
        do {
            long[] a = Cpu.machine();
            Thread.sleep(500);
            long[] b = Cpu.machine();
            busy = b[1] == a[1] ? 0 : (double) (b[0] - a[0]) / (b[1] - a[1]);
        } while (busy > 0.25 && System.nanoTime() < deadline);
        double waited = (System.nanoTime() - started) / 1e9;
        if (waited > 1) {
            System.out.printf(
                    "[bench] waited %.1f s for the machine to go quiet before %s (%.0f%% busy at the end)%n",
                    waited, next, 100 * busy);
        }
    }

    static String format(Map<String, Double> cpu) {
        StringBuilder sb = new StringBuilder();
        cpu.forEach((k, v) ->
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(String.format("%.3f", v)));
        return sb.toString();
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /**
     * Where a run's CPU goes on this machine: user + system time of each process of the stack
     * (from {@code /proc/<pid>/stat}, with every descendant, so PostgreSQL's backends count with
     * their postmaster and Keycloak's JVM with its start script), and of this JVM split into the
     * load generator (the client threads and the HTTP client's threads) and the rest (the in-JVM
     * Kafka broker, JIT and GC). Linux only; what it cannot read counts as zero.
     */
    static final class Cpu {

        static final String LOAD_GENERATOR = "load generator";
        static final String REST_OF_BENCH_JVM = "kafka broker (bench JVM)";
        private static final long TICK_NANOS = 1_000_000_000L / 100; // USER_HZ

        /** CPU nanoseconds per part, and the machine's busy and total nanoseconds (all cores). */
        record Sample(Map<String, Long> nanos, long machineBusy, long machineTotal, Map<String, Long> db) {}

        final Map<String, Long> roots = new LinkedHashMap<>();
        private final Connection stats;

        Cpu(LocalStack stack) throws java.sql.SQLException {
            stats = DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "postgres");
            for (Service s : Service.values()) {
                pidFrom(stack.stateDir().resolve("pids").resolve(s.module() + ".pid"))
                        .ifPresent(pid -> roots.put(s.module(), pid));
            }
            pidFrom(stack.stateDir().resolve("pids").resolve("keycloak.pid"))
                    .ifPresent(pid -> roots.put("keycloak", pid));
            pidFrom(stack.stateDir().resolve("postgres").resolve("postmaster.pid"))
                    .ifPresent(pid -> roots.put("postgresql", pid));
        }

        Optional<Long> pid(String part) {
            return Optional.ofNullable(roots.get(part));
        }

        /** @param clientThreadNanos CPU of the client threads of the run that just ended (they measure themselves) */
        Sample sample(long clientThreadNanos) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : roots.entrySet()) {
                if (e.getKey().equals("postgresql")) {
                    postgres(e.getValue(), out);
                    continue;
                }
                long sum = 0;
                for (long pid : withDescendants(e.getValue())) {
                    sum += processNanos(pid);
                }
                out.put(e.getKey(), sum);
                if (e.getKey().equals(Service.DEVIATION.module())
                        || e.getKey().equals(Service.GATEWAY.module())
                        || e.getKey().equals(BARE)) {
                    long[] vm = jvmThreads(e.getValue());
                    out.put("  of which JIT compiler", vm[0]);
                    out.put("  of which GC", vm[1]);
                }
            }
            long self = processNanos(ProcessHandle.current().pid());
            long httpClient = 0;
            for (ThreadInfo t : THREAD_CPU.getThreadInfo(THREAD_CPU.getAllThreadIds())) {
                if (t != null && t.getThreadName().startsWith("HttpClient")) {
                    httpClient += Math.max(0, THREAD_CPU.getThreadCpuTime(t.getThreadId()));
                }
            }
            // cumulative like the rest: the client threads of earlier runs are added up here
            clientTotal += clientThreadNanos;
            long load = httpClient + clientTotal;
            out.put(LOAD_GENERATOR, load);
            out.put(REST_OF_BENCH_JVM, self - load);
            long[] machine = machine();
            return new Sample(out, machine[0], machine[1], databaseCounters());
        }

        /**
         * PostgreSQL split by database: a backend's title ({@code postgres: user database host state})
         * names its database; the postmaster, WAL writer, checkpointer and the other server processes
         * count as "postgresql server".
         */
        private static void postgres(long postmaster, Map<String, Long> out) {
            out.merge("postgresql server", processNanos(postmaster), Long::sum);
            List<Long> pids = withDescendants(postmaster);
            for (long pid : pids.subList(1, pids.size())) {
                String part = "postgresql server";
                try {
                    String[] title = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                            .replace('\0', ' ')
                            .strip()
                            .split("\\s+");
                    if (title.length >= 3
                            && title[0].equals("postgres:")
                            && (LocalStack.DATABASES.contains(title[2])
                                    || title[2].equals(BARE_DATABASE)
                                    || title[2].equals("postgres"))) {
                        part = "postgresql " + title[2];
                    }
                } catch (IOException | RuntimeException e) {
                    // gone: counts nowhere
                }
                out.merge(part, processNanos(pid), Long::sum);
            }
        }

        /**
         * CPU of a JVM's compiler threads and its garbage collector threads, from
         * {@code /proc/<pid>/task/<tid>/comm}: a JVM still compiling is not yet measuring its steady state.
         */
        private static long[] jvmThreads(long pid) {
            long jit = 0;
            long gc = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String comm = Files.readString(task.resolve("comm")).strip();
                        if (comm.contains("CompilerThre")) {
                            jit += statNanos(Files.readString(task.resolve("stat")));
                        } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                            gc += statNanos(Files.readString(task.resolve("stat")));
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            return new long[] {jit, gc};
        }

        /** Commits and rows written per database, from pg_stat_database (flushed by backends about once a second). */
        private Map<String, Long> databaseCounters() {
            Map<String, Long> out = new LinkedHashMap<>();
            try (var rs = stats.createStatement()
                    .executeQuery(
                            "SELECT datname, xact_commit, tup_inserted + tup_updated + tup_deleted"
                                    + " FROM pg_stat_database WHERE datname IN ('deviation', 'registry', 'followup', 'report', 'bare') ORDER BY datname")) {
                while (rs.next()) {
                    out.put(rs.getString(1) + " commits", rs.getLong(2));
                    out.put(rs.getString(1) + " rows written", rs.getLong(3));
                }
            } catch (java.sql.SQLException e) {
                // no counters: the table shows nothing
            }
            return out;
        }

        private long clientTotal;

        static Map<String, Double> perRequest(
                Map<String, Long> before, Map<String, Long> after, long requests, double unit) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : after.entrySet()) {
                long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                out.put(e.getKey(), requests == 0 ? Double.NaN : delta / unit / requests);
            }
            return out;
        }

        static double busy(Sample before, Sample after) {
            long total = after.machineTotal() - before.machineTotal();
            return total == 0 ? Double.NaN : (double) (after.machineBusy() - before.machineBusy()) / total;
        }

        private static List<Long> withDescendants(long pid) {
            List<Long> pids = new ArrayList<>();
            pids.add(pid);
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
            return pids;
        }

        /** utime + stime of one process in nanoseconds; 0 when it is gone. */
        static long processNanos(long pid) {
            try {
                return statNanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** utime + stime of a {@code /proc/.../stat} line, in nanoseconds. */
        static long statNanos(String stat) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) ... utime(11) stime(12)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        }

        /** Busy and total CPU time of the whole machine, from the first line of /proc/stat. */
        static long[] machine() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
                String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {(total - idle) * TICK_NANOS, total * TICK_NANOS};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }

        private static Optional<Long> pidFrom(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                return lines.isEmpty()
                        ? Optional.empty()
                        : Optional.of(Long.parseLong(lines.get(0).trim()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
