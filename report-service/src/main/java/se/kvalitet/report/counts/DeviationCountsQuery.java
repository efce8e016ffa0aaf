package se.kvalitet.report.counts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
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
     * Reports per org unit and category in a period; total counts distinct reports. Read from the period's rows of
     * {@code deviation_fact} alone (the range of {@code deviation_fact_period}), each counted once under every bit
     * of its {@code category_mask}: joining the view {@code deviation_effective_category} made PostgreSQL build it
     * over every report of the history (issue 20: 0.23 at 1 000 000 reports), and looking each report's
     * categories up by key still read the category table's index at random, growing with it (0.28).
     */
    public DeviationCounts counts(LocalDate from, LocalDate to) {
        List<DeviationCounts.Cell> cells = Rows.list(
                Rows.tuples(em, """
                SELECT f.org_unit_id, b.category, count(*) AS reports
                FROM deviation_fact f JOIN %s ON f.category_mask & b.bit <> 0
                WHERE f.occurred_on BETWEEN :from AND :to
                GROUP BY 1, 2 ORDER BY 1, 2""".formatted(CATEGORY_BITS))
                        .setParameter("from", from)
                        .setParameter("to", to),
                r -> new DeviationCounts.Cell(r.uuid("org_unit_id"), r.string("category"), r.longValue("reports")));
        long total = ((Number) em.createNativeQuery(
                                "SELECT count(*) FROM deviation_fact WHERE occurred_on BETWEEN :from AND :to")
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getSingleResult())
                .longValue();
        return new DeviationCounts(from, to, total, cells);
    }
}
