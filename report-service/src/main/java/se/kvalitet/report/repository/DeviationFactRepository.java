package se.kvalitet.report.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.report.rest.DeviationCounts;

/** The deviation read model: written from events, aggregated in SQL. */
@ApplicationScoped
public class DeviationFactRepository {

    @Inject
    EntityManager em;

    /** Upserts the fact of a reported deviation (a replayed or redelivered event leaves the same row). */
    public void recordReported(DeviationReportedV1 e) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact (deviation_id, org_unit_id, category, channel, occurred_on, reported_at, updated_at)
                VALUES (:id, :unit, :category, :channel, :occurredOn, :reportedAt, now())
                ON CONFLICT (deviation_id) DO UPDATE SET org_unit_id = excluded.org_unit_id,
                    category = excluded.category, channel = excluded.channel, occurred_on = excluded.occurred_on,
                    reported_at = excluded.reported_at, updated_at = now()""")
                .setParameter("id", e.deviationId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("category", e.suggestedCategory() == null ? null : e.suggestedCategory().name())
                .setParameter("channel", e.channel())
                .setParameter("occurredOn", e.occurredOn())
                .setParameter("reportedAt", java.sql.Timestamp.from(e.reportedAt()))
                .executeUpdate();
        em.createNativeQuery("DELETE FROM deviation_fact_involved_unit WHERE deviation_id = :id")
                .setParameter("id", e.deviationId()).executeUpdate();
        for (UUID unit : e.involvedOrgUnitIds()) {
            em.createNativeQuery("""
                    INSERT INTO deviation_fact_involved_unit (deviation_id, org_unit_id) VALUES (:id, :unit)
                    ON CONFLICT DO NOTHING""")
                    .setParameter("id", e.deviationId()).setParameter("unit", unit).executeUpdate();
        }
    }

    /** Reports per org unit (where it happened) and category in a period; total counts distinct reports. */
    @SuppressWarnings("unchecked")
    public DeviationCounts counts(LocalDate from, LocalDate to) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT org_unit_id, coalesce(category, 'UNCLASSIFIED'), count(*)
                FROM deviation_fact WHERE occurred_on BETWEEN :from AND :to
                GROUP BY 1, 2 ORDER BY 1, 2""")
                .setParameter("from", from).setParameter("to", to)
                .getResultList();
        long total = ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM deviation_fact WHERE occurred_on BETWEEN :from AND :to")
                .setParameter("from", from).setParameter("to", to).getSingleResult()).longValue();
        List<DeviationCounts.Cell> cells = rows.stream()
                .map(r -> new DeviationCounts.Cell((UUID) r[0], (String) r[1], ((Number) r[2]).longValue()))
                .toList();
        return new DeviationCounts(from, to, total, cells);
    }
}
