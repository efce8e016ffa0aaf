package se.kvalitet.followup.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.followup.export.MeasurementExport;

/**
 * Issue 5 item 13: the BI export of 1 000 000 measurement rows as CSV through the HTTP endpoint
 * (server-side cursor → CSV → HTTP) against PostgreSQL's own {@code COPY (same SELECT) TO STDOUT}
 * of the same rows in the same run, with the heap growth of each. Target: at least half of COPY's
 * throughput. On demand only: {@code ./mvnw -B -pl followup-service -am test -Pbench -Dtest='*Benchmark' -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@Tag("bench")
class ExportBenchmark {

    static final int ROWS = 1_000_000;

    /** Counts bytes and lines of what it is given. */
    static final class Sink extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }

    record Run(String name, long rows, long bytes, double seconds, double heapMb, double peakUsedMb, int gcs) {
        String line() {
            return "%-26s %,10d rows %,7.1f MB %6.2f s %,9.0f rows/s %5.1f MB/s  heap kept %+6.1f MB (used peak %+6.1f MB, %d GCs)"
                    .formatted(
                            name,
                            rows,
                            bytes / 1e6,
                            seconds,
                            rows / seconds,
                            bytes / 1e6 / seconds,
                            heapMb,
                            peakUsedMb,
                            gcs);
        }
    }

    Run api(HttpClient http, String token) throws Exception {
        return api(http, token, false, null);
    }

    /** The export through HTTP; {@code live}: with full collections during it, to see what it keeps alive. */
    Run api(HttpClient http, String token, boolean live, Integer limit) throws Exception {
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/followup/v1/export/measurements"
                + (limit == null ? "" : "?limit=" + limit));
        try (HeapSampler heap = new HeapSampler(live)) {
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(
                    HttpRequest.newBuilder(uri).header("Authorization", token).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            Sink sink = new Sink();
            try (InputStream in = r.body()) {
                in.transferTo(sink);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("export answered " + r.statusCode());
            }
            heap.close();
            return new Run(
                    (live ? "live set, " : "") + "HTTP export (CSV)",
                    sink.lines - 1,
                    sink.bytes,
                    s,
                    heap.growthMb(),
                    heap.peakUsedMb(),
                    heap.collections());
        }
    }

    Run copy() throws Exception {
        return copy(false);
    }

    Run copy(boolean live) throws Exception {
        String sql = "COPY (" + MeasurementExport.MEASUREMENT_SELECT
                + " ORDER BY m.change_xid, m.id) TO STDOUT WITH (FORMAT csv, HEADER)";
        try (Connection c = Fixtures.db();
                HeapSampler heap = new HeapSampler(live)) {
            long t0 = System.nanoTime();
            Sink sink = new Sink();
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, sink);
            double s = (System.nanoTime() - t0) / 1e9;
            heap.close();
            return new Run(
                    (live ? "live set, " : "") + "COPY ... TO STDOUT (CSV)",
                    rows,
                    sink.bytes,
                    s,
                    heap.growthMb(),
                    heap.peakUsedMb(),
                    heap.collections());
        }
    }

    @Test
    void exportMillionMeasurementRowsAgainstCopy() throws Exception {
        BenchData.tree();
        // 1 112 indicators × 90 units × 10 years = 1 000 800 rows
        BenchData.indicators("X", 1112);
        long t0 = System.nanoTime();
        long inserted = BenchData.measurements("X", 2016, 2025);
        System.out.printf(
                "%nbench data: %,d measurement rows ready in %.1f s%n", inserted, (System.nanoTime() - t0) / 1e9);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = Fixtures.bi();
        // warm up both paths once
        api(http, token);
        copy();
        Run api = api(http, token);
        Run copy = copy();
        Run api2 = api(http, token);
        Run copy2 = copy();
        Run bestApi = api.seconds() <= api2.seconds() ? api : api2;
        Run bestCopy = copy.seconds() <= copy2.seconds() ? copy : copy2;
        double ratio = bestCopy.seconds() / bestApi.seconds();
        // what each keeps alive, with full collections every half second (not timed); 100 000 rows against all
        Run liveSmall = api(http, token, true, 100_000);
        Run liveAll = api(http, token, true, null);
        Run liveCopy = copy(true);
        System.out.println();
        System.out.println("=== BI export benchmark (followup-service) ===");
        System.out.println(api.line());
        System.out.println(api2.line());
        System.out.println(copy.line());
        System.out.println(copy2.line());
        System.out.printf(
                "export throughput / COPY throughput = %.2f (target >= 0.50): %s%n",
                ratio, ratio >= 0.5 ? "MET" : "NOT MET");
        System.out.println(liveSmall.line());
        System.out.println(liveAll.line());
        System.out.println(liveCopy.line());
        System.out.printf(
                "heap kept alive: %+.1f MB for %,d rows, %+.1f MB for %,d rows (COPY %+.1f MB): %s%n",
                liveSmall.heapMb(),
                liveSmall.rows(),
                liveAll.heapMb(),
                liveAll.rows(),
                liveCopy.heapMb(),
                liveAll.heapMb() < liveSmall.heapMb() + 32 ? "constant" : "GROWS WITH ROWS");
        System.out.printf(
                "rows exported %,d, rows copied %,d (%,d bench rows and the demo data)%n",
                bestApi.rows(), bestCopy.rows(), inserted);
        System.out.println();
    }
}
