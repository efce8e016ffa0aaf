package se.kvalitet.deviation.migration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.TestTokens;

/**
 * The migration import's own rate, on the service alone (its test database and Kafka; no gateway, no consumers), on
 * demand: a focused run to profile a row's import ({@code -Dtest.jvm.options=-XX:StartFlightRecording=...}).
 * {@code ./mvnw -B -pl deviation-service -am verify -Pbench -Dtest=MigrationImportThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs} ({@code -Dbench.import.rows=4000}). The suite's figure is
 * e2e-tests' {@code MigrationImportBenchmark} (the packaged stack, through the gateway, every service consuming).
 */
@QuarkusTest
@Tag("bench")
class MigrationImportThroughputBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int ROWS = Integer.getInteger("bench.import.rows", 4_000);
    static final int CHUNK = Integer.getInteger("bench.import.chunk", 200);
    static final int CLIENTS = Integer.getInteger("bench.import.clients", 2);
    static final String[] UNITS = {"11", "12", "21", "22", "31", "32"};

    final String importer = TestTokens.user("flytt-bench").roles("importer").bearer();

    @Inject
    MigrationImport imports;

    @Test
    void historicalReportsPerSecond() throws Exception {
        // warm-up: a chunk in each mode
        // the bean itself, not its client proxy: the rows a transaction are set on it for each mode
        MigrationImport imports = ClientProxy.unwrap(this.imports);
        int configured = imports.batch;
        imports.batch = 1;
        post(chunk("warm-" + UUID.randomUUID().toString().substring(0, 8), 0, CHUNK));
        imports.batch = configured;
        post(chunk("warm-" + UUID.randomUUID().toString().substring(0, 8), 0, CHUNK));
        StringBuilder table = new StringBuilder(
                "[migration-import-throughput]\n| rows a transaction | rows | s | rows/s |\n|---|---|---|---|\n");
        for (int b : new int[] {1, configured}) {
            imports.batch = b;
            String tag = UUID.randomUUID().toString().substring(0, 8);
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < ROWS; i += CHUNK) {
                chunks.add(chunk(tag, i, Math.min(CHUNK, ROWS - i)));
            }
            AtomicInteger accepted = new AtomicInteger();
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (String body : chunks) {
                done.add(pool.submit(() -> accepted.addAndGet(post(body).getInt("accepted"))));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - t0) / 1e9;
            table.append(String.format(
                    Locale.ROOT, "| %d | %d | %.1f | %.0f |%n", b, accepted.get(), seconds, accepted.get() / seconds));
            assertThat(accepted.get()).isEqualTo(ROWS);
        }
        imports.batch = configured;
        System.out.println(table);
    }

    JsonPath post(String body) {
        return given().header("Authorization", importer)
                .header("Prefer", "wait=25")
                .contentType("application/x-ndjson; charset=utf-8")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(MigrationImportTest.PATH)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    static String chunk(String tag, int from, int n) {
        Random rnd = new Random(from);
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            b.append(row(rnd, tag, i)).append('\n');
        }
        return b.toString();
    }

    /** The mix of e2e-tests' MigrationImportBenchmark: 10 % not a deviation, 10 % lex Sarah, 80 % other. */
    static String row(Random rnd, String tag, int i) {
        Instant occurred = Instant.parse("2019-01-01T06:00:00Z").plus(Duration.ofMinutes(rnd.nextInt(360 * 24 * 60)));
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
}
