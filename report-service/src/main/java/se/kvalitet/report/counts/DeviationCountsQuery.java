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

    /** Reports per org unit and category in a period; total counts distinct reports. */
    public DeviationCounts counts(LocalDate from, LocalDate to) {
        List<DeviationCounts.Cell> cells = Rows.list(
                Rows.tuples(em, """
                SELECT f.org_unit_id, c.category, count(DISTINCT f.deviation_id) AS reports
                FROM deviation_fact f JOIN deviation_effective_category c ON c.deviation_id = f.deviation_id
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
