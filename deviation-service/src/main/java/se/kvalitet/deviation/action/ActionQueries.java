package se.kvalitet.deviation.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.deviation.report.DeviationQueries;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;

/** Reads over actions: the list across cases, and counts for other features' events. */
@ApplicationScoped
public class ActionQueries {

    @Inject
    EntityManager em;

    @Inject
    ActionService actions;

    @Inject
    DeviationQueries queries;

    @Inject
    OrgCopy orgUnits;

    public record Filter(
            DeviationAction.Status status,
            Boolean overdue,
            UUID orgUnit,
            String owner,
            UUID deviationId,
            Instant updatedSince) {}

    /** How many actions were decided on a track. */
    public int countOnTrack(UUID trackId) {
        return em.createQuery("select count(a) from DeviationAction a where a.trackId = :t", Long.class)
                .setParameter("t", trackId)
                .getSingleResult()
                .intValue();
    }

    /** Actions across every case the caller may see; the cases of the page go to the access log. */
    @Transactional
    public Page<DeviationAction> list(Filter f, PageParams page) {
        StringBuilder where = new StringBuilder(" where d.id = a.deviationId");
        Map<String, Object> params = new HashMap<>();
        queries.appendWorkable(where, params);
        if (f.status() != null) {
            where.append(" and a.status = :status");
            params.put("status", f.status());
        }
        if (f.overdue() != null) {
            where.append(
                    f.overdue()
                            ? " and a.status in :open and a.dueDate < :today"
                            : " and (a.status not in :open or a.dueDate >= :today)");
            params.put("open", List.of(DeviationAction.Status.PLANNED, DeviationAction.Status.IN_PROGRESS));
            params.put("today", actions.today());
        }
        if (f.orgUnit() != null) {
            where.append(" and a.orgUnitId in :subtree");
            params.put("subtree", orgUnits.subtree(List.of(f.orgUnit())));
        }
        if (f.owner() != null) {
            where.append(" and a.owner = :owner");
            params.put("owner", f.owner());
        }
        if (f.deviationId() != null) {
            where.append(" and a.deviationId = :deviationId");
            params.put("deviationId", f.deviationId());
        }
        if (f.updatedSince() != null) {
            where.append(" and a.updatedAt >= :updatedSince");
            params.put("updatedSince", f.updatedSince());
        }
        String order = f.updatedSince() != null ? " order by a.updatedAt, a.id" : " order by a.dueDate, a.id";
        Page<DeviationAction> result =
                queries.page("a", "DeviationAction a, Deviation d", where, params, order, page, DeviationAction.class);
        queries.logListed(
                result.items().stream().map(a -> a.deviationId).distinct().toList());
        return result;
    }
}
