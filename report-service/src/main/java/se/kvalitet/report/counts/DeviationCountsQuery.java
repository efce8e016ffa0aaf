package se.kvalitet.report.counts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import se.kvalitet.report.rows.Rows;

/** Reports per org unit (where it happened) and category in a period, from the deviation read model. */
@ApplicationScoped
public class DeviationCountsQuery {

    @Inject
    EntityManager em;

    /**
     * Reports per org unit and category in a period; total counts distinct reports. The categories are those of
     * the view {@code deviation_effective_category} (the triage decision, else the suggestion, else
     * {@code UNCLASSIFIED}), looked up per report of the period by its key: joining the view itself made
     * PostgreSQL build it over every report of the history (issue 20: 177 ms at 10 000 reports, 1 326 ms at
     * 1 000 000, for the same year), where this reads the period's reports through {@code deviation_fact_period}.
     */
    public DeviationCounts counts(LocalDate from, LocalDate to) {
        List<DeviationCounts.Cell> cells = Rows.list(
                Rows.tuples(em, """
                SELECT f.org_unit_id, c.category, count(DISTINCT f.deviation_id) AS reports
                FROM deviation_fact f
                CROSS JOIN LATERAL (
                    SELECT fc.category FROM deviation_fact_category fc WHERE fc.deviation_id = f.deviation_id
                    UNION ALL
                    SELECT coalesce(f.category, 'UNCLASSIFIED')
                    WHERE NOT EXISTS (SELECT 1 FROM deviation_fact_category fc WHERE fc.deviation_id = f.deviation_id)) c
                WHERE f.occurred_on BETWEEN :from AND :to
                GROUP BY 1, 2 ORDER BY 1, 2""").setParameter("from", from).setParameter("to", to),
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
