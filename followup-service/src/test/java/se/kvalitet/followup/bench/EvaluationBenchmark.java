package se.kvalitet.followup.bench;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.followup.Fixtures;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.Status;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.evaluation.EvaluationService;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorService;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgTree;

/**
 * Issue 5 item 13: evaluation of 10 000 indicators × 100 units (a board, 9 departments, 90 units
 * with measurements, for the period and the one before for the trend: 1.8 million rows read, one
 * million evaluations with roll-up up the tree), against a baseline in the same run: PostgreSQL
 * summing the same rows' numerators and denominators per indicator and period (reading the data
 * without evaluating it). On demand only, with the export benchmark (-Pbench).
 */
@QuarkusTest
@Tag("bench")
class EvaluationBenchmark {

    @Inject
    EvaluationService evaluation;

    @Inject
    IndicatorService indicators;

    @Inject
    OrgCopy orgUnits;

    @Test
    void evaluateTenThousandIndicatorsAtAHundredUnits() throws Exception {
        List<UUID> units = BenchData.tree();
        BenchData.indicators("E", 10_000);
        long t0 = System.nanoTime();
        long inserted = BenchData.measurements("E", 2024, 2025);
        System.out.printf(
                "%nbench data: %,d measurement rows ready in %.1f s%n", inserted, (System.nanoTime() - t0) / 1e9);
        List<Indicator> all = indicators.all("BENCH").stream()
                .filter(i -> i.code.startsWith("BENCH-E-"))
                .toList();
        OrgTree tree = orgUnits.tree();
        Period period = Period.parse("2025");
        evaluate(all, tree, units, period); // warm-up
        baseline(); // warm-up
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        double heap = 0;
        double peakUsed = 0;
        int gcs = 0;
        Map<Status, Long> statuses = null;
        long cells = 0;
        for (int round = 0; round < 2; round++) {
            Map<Status, Long> counts = new EnumMap<>(Status.class);
            long t;
            try (HeapSampler h = new HeapSampler()) {
                t = System.nanoTime();
                evaluation.evaluate(
                        all,
                        period,
                        Gender.T,
                        tree,
                        units,
                        r -> counts.merge(r.result().status(), 1L, Long::sum));
                double s = (System.nanoTime() - t) / 1e9;
                h.close();
                if (s < best[0]) {
                    best[0] = s;
                    heap = h.growthMb();
                    peakUsed = h.peakUsedMb();
                    gcs = h.collections();
                }
            }
            statuses = counts;
            cells = counts.values().stream().mapToLong(Long::longValue).sum();
            t = System.nanoTime();
            baseline();
            best[1] = Math.min(best[1], (System.nanoTime() - t) / 1e9);
        }
        double live;
        try (HeapSampler h = new HeapSampler(true)) {
            evaluation.evaluate(all, period, Gender.T, tree, units, r -> {});
            h.close();
            live = h.growthMb();
        }
        System.out.println();
        System.out.println("=== Evaluation benchmark (followup-service) ===");
        System.out.printf(
                "indicators %,d × units %,d = %,d evaluations (with trend: %,d measurement rows read)%n",
                all.size(), units.size(), cells, inserted);
        System.out.printf(
                "evaluation with roll-up and trend   %7.2f s  %,10.0f evaluations/s  heap kept %+6.1f MB (used peak %+6.1f MB, %d GCs)%n",
                best[0], cells / best[0], heap, peakUsed, gcs);
        System.out.printf(
                "live set during evaluation (full collections every %d ms): %+.1f MB%n", HeapSampler.GC_EVERY_MS, live);
        System.out.printf(
                "baseline: SQL sum per indicator      %7.2f s  (reads the same rows, evaluates nothing)%n", best[1]);
        System.out.printf("evaluation / baseline time = %.2f; statuses %s%n", best[0] / best[1], statuses);
        System.out.println();
    }

    /** The export benchmark counts every measurement: leave only its own rows behind. */
    @org.junit.jupiter.api.AfterAll
    static void removeRows() throws Exception {
        try (Connection c = Fixtures.db();
                java.sql.Statement s = c.createStatement()) {
            s.execute(
                    "DELETE FROM measurement_revision WHERE measurement_id IN (SELECT m.id FROM measurement m JOIN indicator i "
                            + "ON i.id = m.indicator_id WHERE i.code LIKE 'BENCH-E-%')");
            s.execute(
                    "DELETE FROM measurement m USING indicator i WHERE i.id = m.indicator_id AND i.code LIKE 'BENCH-E-%'");
        }
    }

    long evaluate(List<Indicator> all, OrgTree tree, List<UUID> units, Period period) {
        long[] n = {0};
        evaluation.evaluate(all, period, Gender.T, tree, units, r -> n[0]++);
        return n[0];
    }

    static long baseline() throws Exception {
        try (Connection c = Fixtures.db();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT m.indicator_id, m.period, sum(m.numerator), sum(m.denominator)
                        FROM measurement m JOIN indicator i ON i.id = m.indicator_id
                        WHERE i.code LIKE 'BENCH-E-%' AND m.period IN ('2024', '2025') GROUP BY m.indicator_id, m.period""");
                ResultSet rs = ps.executeQuery()) {
            long n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }
}
