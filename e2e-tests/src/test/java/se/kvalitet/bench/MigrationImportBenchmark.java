package se.kvalitet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.e2e.SharedStack;
import se.kvalitet.e2e.StackTokens;
import se.kvalitet.localstack.LocalStack;

/**
 * Issue 16 item 1's benchmark: historical reports moved in through the migration import on the packaged stack
 * (through the gateway, Keycloak tokens, every service consuming), with the import's throughput and the time until
 * report-service's statistics for the imported year include every one, against the live intake rate measured in the
 * same run (case-system intake through the gateway, the same number of clients).
 *
 * <p>{@code ./mvnw -B -pl e2e-tests -am verify -Pbench -Dtest=MigrationImportBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs} (options {@code -Dbench.import.rows=100000}
 * (default 5000), {@code -Dbench.import.chunk=200} rows per request (under the 1 MB body limit),
 * {@code -Dbench.import.clients=2} requests in flight, {@code -Dbench.intake.seconds=20}). Prints deviation-service's
 * heap during the import ({@link HeapSampler}).
 */
@Tag("bench")
class MigrationImportBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int ROWS = Integer.getInteger("bench.import.rows", 5_000);
    /**
     * Rows per request: small enough that a request is answered well within the gateway's 30 s route timeout on a
     * busy 2-core machine (1 500 rows a request were a 504 in the first run: the import answers when every row is done).
     */
    static final int CHUNK = Integer.getInteger("bench.import.chunk", 200);

    static final int CLIENTS = Integer.getInteger("bench.import.clients", 2);
    static final int INTAKE_SECONDS = Integer.getInteger("bench.intake.seconds", 20);
    /**
     * Seconds of importing after which no further chunk is posted (0: none, import every row): on a machine where
     * {@code bench.import.rows} do not fit the time a run may take, the table then shows how many did, at what rate.
     */
    /** How long to wait for the statistics to count every imported report. */
    static final int STATISTICS_WAIT_SECONDS = Integer.getInteger("bench.statistics.wait", 600);

    static final int BUDGET_SECONDS = Integer.getInteger("bench.import.budget", 0);
    /** The imported year: before the demo data's year, so its statistics hold only what this run imports. */
    static final int YEAR = 2019;

    static final String[] UNITS = {"11", "12", "21", "22", "31", "32"};

    LocalStack stack;

    @Test
    void historicalReportsImportedAgainstTheLiveIntakeRate() throws Exception {
        stack = SharedStack.get();
        String karin = StackTokens.user(HTTP, stack, "karin");
        long before = reports(karin);

        // the yardstick: live intake as the case system, through the gateway, the same number of clients
        double intakeRate = liveIntake();

        // the import, in chunks of CHUNK rows, CLIENTS requests in flight
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> chunks = new ArrayList<>();
        Random rnd = new Random(16);
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            chunk.append(row(rnd, tag, i)).append('\n');
            if ((i + 1) % CHUNK == 0 || i == ROWS - 1) {
                chunks.add(chunk.toString());
                chunk = new StringBuilder();
            }
        }
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger already = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger posted = new AtomicInteger();
        long t0 = System.nanoTime();
        long budgetEnd =
                BUDGET_SECONDS > 0 ? t0 + Duration.ofSeconds(BUDGET_SECONDS).toNanos() : Long.MAX_VALUE;
        HeapSampler heap = HeapSampler.start(stack, "deviation-service");
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (String body : chunks) {
            done.add(pool.submit(() -> {
                long s = System.nanoTime();
                if (s > budgetEnd) {
                    skipped.incrementAndGet();
                    return null;
                }
                posted.addAndGet((int) body.chars().filter(c -> c == '\n').count());
                JsonNode run = null;
                for (int attempt = 1; run == null; attempt++) {
                    String admin = adminToken();
                    HttpResponse<String> r = HTTP.send(
                            HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/deviation/v1/imports"))
                                    .timeout(Duration.ofMinutes(2))
                                    .header("Authorization", "Bearer " + admin)
                                    .header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if ((r.statusCode() == 504 || r.statusCode() == 503) && attempt < 5) {
                        // the outcome is unknown: the same file again is safe (idempotent by source reference), what
                        // was stored comes back ALREADY_IMPORTED
                        retried.incrementAndGet();
                        continue;
                    }
                    if (r.statusCode() == 202) {
                        // not done within the import's wait: it goes on; its run answers every row once COMPLETED
                        run = completed(JSON.readTree(r.body()).get("id").asText());
                        continue;
                    }
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    run = JSON.readTree(r.body());
                }
                accepted.addAndGet(run.get("accepted").asInt());
                already.addAndGet(run.get("alreadyImported").asInt());
                rejected.addAndGet(run.get("rejected").asInt());
                slowest.accumulateAndGet(System.nanoTime() - s, Math::max);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long imported = System.nanoTime();

        // until report-service's statistics of the year count every imported report
        // stored by this run: accepted, or accepted by an attempt whose answer was lost (every source id is this run's)
        int stored = accepted.get() + already.get();
        long expected = before + stored;
        long counted = before;
        long deadline =
                System.nanoTime() + Duration.ofSeconds(STATISTICS_WAIT_SECONDS).toNanos();
        System.out.printf(
                Locale.ROOT,
                "[migration-bench] imported %d rows (accepted %d, already %d, rejected %d) in %.1f s: %.0f rows/s%n",
                stored,
                accepted.get(),
                already.get(),
                rejected.get(),
                (imported - t0) / 1e9,
                stored / ((imported - t0) / 1e9));
        // a token of its own for the wait: the one taken before the live intake and the import has expired by now
        // (a 100 000-row run imports for longer than a token lives)
        karin = StackTokens.user(HTTP, stack, "karin");
        long karinAt = System.nanoTime();
        while (counted < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            if (System.nanoTime() - karinAt > Duration.ofMinutes(2).toNanos()) {
                // renewed every two minutes, not every poll (brute-force detection)
                karin = StackTokens.user(HTTP, stack, "karin");
                karinAt = System.nanoTime();
            }
            counted = reports(karin);
        }
        long inStatistics = System.nanoTime();
        heap.stop();

        double importSeconds = (imported - t0) / 1e9;
        double importRate = stored / importSeconds;
        String table = String.format(
                Locale.ROOT,
                """
                | measure | value |
                |---|---|
                | rows posted (chunks of %d, %d in flight) | %d of %d (%s) |
                | accepted / already imported (a retried chunk) / rejected; chunks retried | %d / %d / %d; %d |
                | import wall time | %.1f s |
                | import throughput | %.0f reports/s |
                | slowest request (one chunk) | %.1f s |
                | last import answer → statistics of %d count all (counted / expected) | %.1f s (%d / %d) |
                | first row posted → statistics count all | %.1f s |
                | live intake, same run (case-system, gateway, %d clients, %d s) | %.0f reports/s |
                | import / live intake | %.2f × |
                | deviation-service heap during the import (jstat, every 30 s) | %s |
                """,
                CHUNK,
                CLIENTS,
                posted.get(),
                ROWS,
                skipped.get() == 0 ? "all" : "the import budget of " + BUDGET_SECONDS + " s was spent",
                accepted.get(),
                already.get(),
                rejected.get(),
                retried.get(),
                importSeconds,
                importRate,
                slowest.get() / 1e9,
                YEAR,
                (inStatistics - imported) / 1e9,
                counted - before,
                stored,
                (inStatistics - t0) / 1e9,
                CLIENTS,
                INTAKE_SECONDS,
                intakeRate,
                importRate / intakeRate,
                heap.summary());
        System.out.println("[migration-bench]\n" + table);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "migration-import-bench.md"), table);
        assertThat(rejected.get()).isZero();
        assertThat(counted)
                .as("the statistics of %d count every imported report", YEAR)
                .isEqualTo(expected);
    }

    /** One historical report of YEAR, a mix like a municipality's year (most other deviations, some lex Sarah). */
    static String row(Random rnd, String tag, int i) {
        Instant occurred =
                Instant.parse(YEAR + "-01-01T06:00:00Z").plus(Duration.ofMinutes(rnd.nextInt(360 * 24 * 60)));
        Instant received = occurred.plus(Duration.ofHours(2 + rnd.nextInt(48)));
        Instant triaged = received.plus(Duration.ofHours(4 + rnd.nextInt(72)));
        ObjectNode r = JSON.createObjectNode();
        r.put("sourceSystem", "bench");
        r.put("sourceId", tag + "-" + i);
        r.put("receivedAt", received.toString());
        r.put("occurredAt", occurred.toString());
        r.put("orgUnitId", "00000000-0000-4000-8000-0000000000" + UNITS[rnd.nextInt(UNITS.length)]);
        r.put("summary", "Historisk händelse " + (i % 50));
        r.put("triagedAt", triaged.toString());
        int roll = rnd.nextInt(100);
        Instant completed = triaged.plus(Duration.ofDays(5 + rnd.nextInt(30)));
        if (roll < 10) {
            r.put("category", "NOT_A_DEVIATION");
            r.put("triageReason", "Annan huvudman");
        } else if (roll < 20) {
            r.put("category", "LEX_SARAH");
            boolean serious = rnd.nextInt(100) < 30;
            Instant assessed = triaged.plus(Duration.ofDays(1 + rnd.nextInt(5)));
            r.put("assessment", serious ? "MISSFORHALLANDE" : "INGET_MISSFORHALLANDE");
            r.put("serious", serious);
            r.put("assessedAt", assessed.toString());
            if (serious) {
                // about a third after the 7 days: late
                r.put(
                        "notificationSentAt",
                        assessed.plus(Duration.ofDays(1 + rnd.nextInt(10))).toString());
            }
            completed = assessed.plus(Duration.ofDays(12 + rnd.nextInt(20)));
            r.put("completedAt", completed.toString());
        } else {
            r.put("category", "OTHER_DEVIATION");
            r.put("completedAt", completed.toString());
        }
        r.put("closedAt", completed.plus(Duration.ofDays(1)).toString());
        return r.toString();
    }

    private String adminToken;
    private long adminTokenAt;

    /**
     * The importer's token, renewed every two minutes (a long import outlives one). Not one login per request: the
     * second run logged in for every chunk and Keycloak's brute-force detection answered "Invalid user credentials".
     */
    synchronized String adminToken() throws Exception {
        if (adminToken == null
                || System.nanoTime() - adminTokenAt > Duration.ofMinutes(2).toNanos()) {
            adminToken = StackTokens.user(HTTP, stack, "admin");
            adminTokenAt = System.nanoTime();
        }
        return adminToken;
    }

    /** The run once it is COMPLETED (polled with a fresh token each time). */
    JsonNode completed(String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(
                                    URI.create(stack.gatewayUrl() + "/deviation/v1/imports/" + runId + "?limit=1"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + adminToken())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode run = JSON.readTree(r.body());
            if ("COMPLETED".equals(run.get("status").asText())) {
                return run;
            }
        }
        throw new AssertionError("import run " + runId + " not completed within 10 minutes");
    }

    long reports(String token) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/report/v1/deviation-statistics?year=" + YEAR))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("reports").asLong();
    }

    /** Live intakes per second as the case system through the gateway. */
    double liveIntake() throws Exception {
        String token = StackTokens.client(HTTP, stack, "case-system", "case-system-secret");
        AtomicInteger made = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(INTAKE_SECONDS).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    HttpResponse<String> r = HTTP.send(
                            HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/deviation/v1/deviations"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"summary\":\"Bänkrapport\",\"description\":\"Kvällsdosen gavs sent.\","
                                                    + "\"occurredAt\":\"2026-01-20T18:30:00Z\",\"orgUnitId\":"
                                                    + "\"00000000-0000-4000-8000-000000000011\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 201) {
                        made.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return made.get() / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * The heap of one service of the stack while the import runs: {@code jstat -gc} every 30 s (used = survivors + eden +
     * old; committed likewise), the peak and the last sample, and the process's peak resident memory (VmHWM).
     */
    static final class HeapSampler {
        private final long pid;
        private final Thread thread;
        private volatile boolean running = true;
        private long peakUsedKb;
        private long lastUsedKb;
        private long peakCommittedKb;
        private int samples;

        private HeapSampler(long pid) {
            this.pid = pid;
            this.thread = new Thread(this::loop, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start(LocalStack stack, String module) {
            String state = stack.stateDir().toString();
            long pid = ProcessHandle.allProcesses()
                    .filter(h -> h.info()
                            .commandLine()
                            .map(c -> c.contains(state) && c.contains(module + "/target/quarkus-app"))
                            .orElse(false))
                    .mapToLong(ProcessHandle::pid)
                    .findFirst()
                    .orElse(-1);
            HeapSampler s = new HeapSampler(pid);
            if (pid > 0) {
                s.thread.start();
            }
            return s;
        }

        private void loop() {
            while (running) {
                try {
                    sample();
                    // jstat starts a JVM of its own (about 0.3 s of CPU): seldom, not to weigh on the run
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a sample missed (jstat not answering): the next one counts
                }
            }
        }

        private synchronized void sample() throws Exception {
            Process p = new ProcessBuilder("jstat", "-gc", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
            p.waitFor();
            if (lines.size() < 2) {
                return;
            }
            String[] head = lines.get(0).trim().split("\\s+");
            String[] vals = lines.get(1).trim().split("\\s+");
            double used = 0;
            double committed = 0;
            for (int i = 0; i < head.length && i < vals.length; i++) {
                switch (head[i]) {
                    case "S0U", "S1U", "EU", "OU" -> used += Double.parseDouble(vals[i]);
                    case "S0C", "S1C", "EC", "OC" -> committed += Double.parseDouble(vals[i]);
                    default -> {}
                }
            }
            lastUsedKb = (long) used;
            peakUsedKb = Math.max(peakUsedKb, (long) used);
            peakCommittedKb = Math.max(peakCommittedKb, (long) committed);
            samples++;
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        synchronized String summary() {
            if (pid <= 0 || samples == 0) {
                return "not sampled (process or jstat not found)";
            }
            String hwm = "?";
            try {
                hwm = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status")).stream()
                        .filter(l -> l.startsWith("VmHWM:"))
                        .map(l -> l.replaceAll("[^0-9]", ""))
                        .map(kb -> Long.parseLong(kb) / 1024 + " MB")
                        .findFirst()
                        .orElse("?");
            } catch (java.io.IOException e) {
                // not Linux: no resident peak
            }
            return String.format(
                    Locale.ROOT,
                    "peak used %d MB, last %d MB, peak committed %d MB (%d samples); peak resident %s",
                    peakUsedKb / 1024,
                    lastUsedKb / 1024,
                    peakCommittedKb / 1024,
                    samples,
                    hwm);
        }
    }
}
