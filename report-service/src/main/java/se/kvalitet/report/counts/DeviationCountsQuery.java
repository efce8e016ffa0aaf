package se.kvalitet.report.counts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import se.kvalitet.report.rows.Rows;
import se.kvalitet.report.statistics.StatisticsBits;

/** Reports per org unit (where it happened) and category in a period, from the deviation read model. */
@ApplicationScoped
public class DeviationCountsQuery {

    @Inject
    EntityManager em;

    /**
     * The categories a report counts under, as rows of (name, bit of {@code deviation_fact.category_mask}): the mask
     * holds exactly the categories of the view {@code deviation_effective_category} (the triage decision, else the
     * suggestion, else {@code UNCLASSIFIED}), recomputed by the projection in the transaction that changes them.
     */
    static final String CATEGORY_BITS = StatisticsBits.CATEGORIES.stream()
            .map(c -> "('" + c + "', " + StatisticsBits.bit(c) + ")")
            .collect(Collectors.joining(", ", "(VALUES ", ") AS b(category, bit)"));

    /**
     * Reports per org unit and category in a period; total counts distinct reports. One pass over the period's rows
     * of {@code deviation_fact} alone (the range of {@code deviation_fact_period}): the rows are first grouped by
     * (unit, {@code category_mask}), a few thousand groups whatever the year's size, and only those groups are
     * expanded into the mask's categories; the total is the sum of the same groups (a row with a null unit). Joining
     * the view {@code deviation_effective_category} made PostgreSQL build it over every report of the history (issue
     * 20: 0.23 at 1 000 000 reports), looking each report's categories up by key still read the category table's
     * index at random, growing with it (0.28), and testing every row of the year against every category bit, with
     * the total as a second scan of the same range, was 0.46.
     */
    public DeviationCounts counts(LocalDate from, LocalDate to) {
        List<DeviationCounts.Cell> cells = new ArrayList<>();
        long[] total = {0};
        Rows.list(
                        Rows.tuples(em, """
                WITH m AS (
                    SELECT f.org_unit_id, f.category_mask, count(*) AS reports
                    FROM deviation_fact f
                    WHERE f.occurred_on BETWEEN :from AND :to
                    GROUP BY 1, 2)
                SELECT * FROM (
                    SELECT m.org_unit_id, b.category, sum(m.reports) AS reports
                    FROM m JOIN %s ON m.category_mask & b.bit <> 0
                    GROUP BY 1, 2
                    UNION ALL
                    SELECT NULL, NULL, coalesce(sum(m.reports), 0) FROM m) r
                ORDER BY 1 NULLS FIRST, 2""".formatted(CATEGORY_BITS))
                                .setParameter("from", from)
                                .setParameter("to", to),
                        r -> r)
                .forEach(r -> {
                    if (r.string("category") == null) {
                        total[0] = r.longValue("reports");
                    } else {
                        cells.add(new DeviationCounts.Cell(
                                r.uuid("org_unit_id"), r.string("category"), r.longValue("reports")));
                    }
                });
        return new DeviationCounts(from, to, total[0], cells);
    }
}
