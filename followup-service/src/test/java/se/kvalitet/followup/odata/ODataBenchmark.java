package se.kvalitet.followup.odata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;

/**
 * Issue 19 item 3: the whole Measurements set through the OData feed (pages of {@code kvalitet.odata.page-size}
 * rows, each a keyset query, following {@code @odata.nextLink} to the end, the JSON parsed as a client must to
 * find the next link) against the CSV export of the same rows in the same run, with the heap kept alive by
 * each. Goal: at least half the CSV export's rows per second, heap flat. On demand only:
 * {@code ./mvnw -B -pl followup-service -am verify -Pbench -Dtest=ODataBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbench.rows=N}, default 1 000 000).
 */
@QuarkusTest
@Tag("bench")
class ODataBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

    @TestHTTPResource("/followup/v1")
    URL api;

    record Run(
            String name, long rows, long bytes, int requests, double seconds, double heapBeforeMb, double heapAfterMb) {
        double rate() {
            return rows / seconds;
        }

        String line() {
            return "| %s | %,d | %,d | %.1f | %.2f | **%,.0f** | %.1f → %.1f |"
                    .formatted(name, rows, requests, bytes / 1e6, seconds, rate(), heapBeforeMb, heapAfterMb);
        }
    }

    /** Counts bytes and lines of the CSV. */
    static final class Sink extends java.io.OutputStream {
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

    /** Counts what is read through it. */
    static final class Counting extends java.io.FilterInputStream {
        long bytes;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }
    }

    static double usedHeapMb() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                used += p.getUsage().getUsed();
            }
        }
        return used / 1e6;
    }

    Run csv(HttpClient http, String token) throws Exception {
        double before = usedHeapMb();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = http.send(
                HttpRequest.newBuilder(URI.create(api + "/export/measurements"))
                        .header("Authorization", token)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Sink sink = new Sink();
        try (InputStream in = r.body()) {
            in.transferTo(sink);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("CSV export answered " + r.statusCode());
        }
        return new Run("CSV export (`export/measurements`)", sink.lines - 1, sink.bytes, 1, s, before, usedHeapMb());
    }

    Run odata(HttpClient http, String token) throws Exception {
        double before = usedHeapMb();
        JsonFactory json = new JsonFactory();
        long t0 = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        int requests = 0;
        String next = api + "/odata/Measurements";
        while (next != null) {
            HttpResponse<InputStream> r = http.send(
                    HttpRequest.newBuilder(URI.create(next))
                            .header("Authorization", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            requests++;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("OData feed answered " + r.statusCode());
            }
            next = null;
            try (Counting in = new Counting(r.body());
                    JsonParser p = json.createParser(in)) {
                p.nextToken(); // {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("value")) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            rows++;
                            p.skipChildren();
                        }
                    } else if (name.equals("@odata.nextLink")) {
                        next = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                bytes += in.bytes;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Run("OData feed (`odata/Measurements`, nextLink)", rows, bytes, requests, s, before, usedHeapMb());
    }

    /** {@code ROWS} measurements: indicators ODB-00001… × 100 units × 10 years, unless they exist. */
    static long data() throws Exception {
        long have = Fixtures.count(
                "SELECT count(*) FROM measurement m JOIN indicator i ON i.id = m.indicator_id WHERE i.code LIKE 'ODB-%'");
        if (have > 0) {
            return have;
        }
        int indicators = (ROWS + 999) / 1000;
        try (Connection c = Fixtures.db();
                Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.execute("INSERT INTO quality_criterion (code, name_sv, name_en, sort_order) "
                    + "VALUES ('BENCH', 'Bänk', 'Bench', 99) ON CONFLICT DO NOTHING");
            s.execute("""
                    INSERT INTO orgcopy_version (org_unit_id, valid_from, parent_id, name, type, active)
                    SELECT ('00000000-0000-4000-d000-' || lpad(g::text, 12, '0'))::uuid, DATE '2000-01-01', NULL,
                           'OData-bänkenhet ' || g, 'UNIT', TRUE
                    FROM generate_series(1, 100) g ON CONFLICT DO NOTHING""");
            s.execute("""
                    INSERT INTO indicator (id, code, name, criterion_code, unit_of_measure, method, frequency, decimals, gender_split,
                                           min_responses, created_at, updated_at)
                    SELECT gen_random_uuid(), 'ODB-' || lpad(g::text, 5, '0'), 'OData-bänkindikator ' || g, 'BENCH', 'PERCENT',
                           'SURVEY', 'YEARLY', 1, FALSE, 5, now(), now()
                    FROM generate_series(1, %d) g ON CONFLICT (code) DO NOTHING""".formatted(indicators));
            return s.executeUpdate("""
                    INSERT INTO measurement (id, indicator_id, org_unit_id, period, period_type, period_start, period_end, gender,
                                             numerator, denominator, responses, response_rate, source, revision, recorded_by,
                                             created_at, updated_at)
                    SELECT gen_random_uuid(), i.id, ('00000000-0000-4000-d000-' || lpad(u::text, 12, '0'))::uuid, y::text, 'YEAR',
                           make_date(y, 1, 1), make_date(y, 12, 31), 'T', (random() * 40)::int, 40, 40,
                           round((20 + random() * 60)::numeric, 1), 'Bänk', 1, 'bench', now(), now()
                    FROM indicator i CROSS JOIN generate_series(1, 100) u CROSS JOIN generate_series(2016, 2025) y
                    WHERE i.code LIKE 'ODB-%%'
                    LIMIT %d""".formatted(ROWS));
        }
    }

    @Test
    void wholeFeedAgainstTheCsvExportOfTheSameRows() throws Exception {
        long t0 = System.nanoTime();
        long inserted = data();
        try (Connection c = Fixtures.db();
                Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE measurement");
        }
        long all = Fixtures.count("SELECT count(*) FROM measurement");
        System.out.printf(
                "%nbench data: %,d OData bench rows (%,d measurements in all) ready in %.1f s%n",
                inserted, all, (System.nanoTime() - t0) / 1e9);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = Fixtures.bi();
        csv(http, token); // warm-up
        odata(http, token);
        Run csv = csv(http, token);
        Run odata = odata(http, token);
        Run csv2 = csv(http, token);
        Run odata2 = odata(http, token);
        Run bestCsv = csv.seconds() <= csv2.seconds() ? csv : csv2;
        Run bestOdata = odata.seconds() <= odata2.seconds() ? odata : odata2;
        if (bestCsv.rows() != bestOdata.rows() || bestOdata.rows() != all) {
            throw new IllegalStateException(
                    "not the same rows: CSV " + bestCsv.rows() + ", OData " + bestOdata.rows() + ", table " + all);
        }
        System.out.println();
        System.out.println("| run | rows | requests | MB | s | rows/s | heap used after GC before → after (MB) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Run r : new Run[] {csv, odata, csv2, odata2}) {
            System.out.println(r.line());
        }
        System.out.printf(
                "| OData / CSV (best of two each) | | | | | **%.2f** (goal ≥ 0.5) | |%n",
                bestOdata.rate() / bestCsv.rate());
    }
}
