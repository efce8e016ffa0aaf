package se.kvalitet.deviation.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Hibernate;
import se.kvalitet.deviation.access.AccessLog;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.domain.CategoryPolicies;
import se.kvalitet.deviation.domain.HandledBy;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.web.Caller;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.ProblemException;

/**
 * Reads of cases, each scoped to what the caller may see ({@link DeviationAccess}) and written to
 * the case access log: a read as READ, every case in a returned page as LIST, a refused read of an
 * existing case as refused.
 */
@ApplicationScoped
public class DeviationQueries {

    @Inject
    EntityManager em;

    @Inject
    DeviationAccess access;

    @Inject
    AccessLog accessLog;

    @Inject
    Caller caller;

    @Inject
    OrgCopy orgUnits;

    @Inject
    java.time.Clock clock;

    /** Filters of the case list; null means no filter. */
    public record Filter(
            Deviation.Status status,
            DeviationCategory category,
            UUID orgUnit,
            Instant occurredFrom,
            Instant occurredTo,
            Instant reportedFrom,
            Instant reportedTo,
            Deviation.Channel channel,
            String source,
            Instant updatedSince,
            boolean onlyMine,
            Boolean overdue) {

        public Filter(
                Deviation.Status status,
                DeviationCategory category,
                UUID orgUnit,
                Instant occurredFrom,
                Instant occurredTo,
                Instant reportedFrom,
                Instant reportedTo,
                Deviation.Channel channel,
                String source,
                Instant updatedSince,
                boolean onlyMine) {
            this(
                    status,
                    category,
                    orgUnit,
                    occurredFrom,
                    occurredTo,
                    reportedFrom,
                    reportedTo,
                    channel,
                    source,
                    updatedSince,
                    onlyMine,
                    null);
        }
    }

    /** The case, if the caller may see it; a refusal of an existing case is logged, and either way it is a 404. */
    @Transactional
    public Deviation read(UUID id, Action action) {
        Deviation d = em.find(Deviation.class, id);
        if (d == null) {
            throw ProblemException.notFound("Deviation " + id);
        }
        if (!access.canRead(d)) {
            accessLog.denied(id, action);
            throw ProblemException.notFound("Deviation " + id);
        }
        accessLog.granted(id, action);
        Hibernate.initialize(d.tracks);
        return d;
    }

    /**
     * The case, if the caller works on it ({@link DeviationAccess#canWorkOn}): its tracks, triage history,
     * actions and deadlines are case work, never part of the filer's view. A refusal is logged; either
     * way it is a 404.
     */
    @Transactional
    public Deviation readCase(UUID id, Action action) {
        Deviation d = em.find(Deviation.class, id);
        if (d == null) {
            throw ProblemException.notFound("Deviation " + id);
        }
        if (!access.canWorkOn(d)) {
            accessLog.denied(id, action);
            throw ProblemException.notFound("Deviation " + id);
        }
        accessLog.granted(id, action);
        Hibernate.initialize(d.tracks);
        return d;
    }

    @Transactional
    public Page<Deviation> list(Filter f, PageParams page) {
        StringBuilder where = new StringBuilder(" where 1=1");
        Map<String, Object> params = new HashMap<>();
        if (f.onlyMine()) {
            where.append(" and ");
            appendFiledByMe(where, params, "d");
        } else {
            appendVisible(where, params);
        }
        if (f.status() != null) {
            where.append(" and d.status = :status");
            params.put("status", f.status());
        }
        if (f.category() != null || f.overdue() != null) {
            appendWorkable(where, params);
        }
        if (f.category() != null) {
            where.append(
                    " and exists (select 1 from DeviationTrack t where t.deviation = d and t.category = :category"
                            + " and (t.closure is null or t.closure <> se.kvalitet.events.deviation.DeviationTrackClosedV1.Closure.RECLASSIFIED))");
            params.put("category", f.category());
        }
        if (f.orgUnit() != null) {
            Set<UUID> subtree = orgUnits.subtree(List.of(f.orgUnit()));
            where.append(
                    // one union of two index lookups (where it happened, units involved), not an OR the planner
                    // can answer only by reading every report (NoSequentialScansTest)
                    " and d.id in (select d3.id from Deviation d3 where d3.orgUnitId in :subtree"
                            + " union select d4.id from Deviation d4 join d4.involvedOrgUnitIds v where v in :subtree)");
            params.put("subtree", subtree);
        }
        range(where, params, "d.occurredAt", "occurredFrom", f.occurredFrom(), "occurredTo", f.occurredTo());
        range(where, params, "d.createdAt", "reportedFrom", f.reportedFrom(), "reportedTo", f.reportedTo());
        if (f.channel() != null) {
            where.append(" and d.channel = :channel");
            params.put("channel", f.channel());
        }
        if (f.source() != null) {
            where.append(" and d.externalSource = :source");
            params.put("source", f.source());
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " and " : " and not ")
                    .append("exists (select 1 from DeadlineClock oc"
                            + " where oc.deviationId = d.id and oc.stoppedAt is null and oc.dueAt <= :now)");
            params.put("now", clock.instant());
        }
        if (f.updatedSince() != null) {
            where.append(" and d.updatedAt >= :updatedSince");
            params.put("updatedSince", f.updatedSince());
        }
        String order = f.updatedSince() != null ? " order by d.updatedAt, d.id" : " order by d.createdAt desc, d.id";
        Page<Deviation> result = page("d", "Deviation d", where, params, order, page, Deviation.class);
        List<UUID> ids = new ArrayList<>();
        for (Deviation d : result.items()) {
            Hibernate.initialize(d.tracks);
            ids.add(d.id);
        }
        accessLog.granted(ids, Action.LIST);
        return result;
    }

    /** Writes the cases of a returned list page to the access log (LIST). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void logListed(List<UUID> deviationIds) {
        accessLog.granted(deviationIds, Action.LIST);
    }

    /**
     * Runs a paged query {@code select <selected> from <from> <where> <order>} with its total, for
     * the lists that join {@code Deviation d} (scoped with {@link #appendVisible}).
     */
    public <T> Page<T> page(
            String selected,
            String from,
            StringBuilder where,
            Map<String, Object> params,
            String order,
            PageParams page,
            Class<T> type) {
        TypedQuery<Long> count = em.createQuery("select count(" + selected + ") from " + from + where, Long.class);
        TypedQuery<T> items = em.createQuery("select " + selected + " from " + from + where + order, type);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            items.setParameter(k, v);
        });
        List<T> found =
                items.setFirstResult(page.offset()).setMaxResults(page.limit).getResultList();
        return new Page<>(found, page.page, page.limit, count.getSingleResult());
    }

    /**
     * Appends the caller's visibility ({@link DeviationAccess}) as a condition on the alias {@code d}
     * (a {@code Deviation}), for every query that lists case data. The reasons to see a report (filed it,
     * manages its unit, investigates one of its tracks, handles its category as MAS) are one {@code d.id in
     * (… union …)} of index lookups, not an OR the planner can answer only by reading every report
     * (NoSequentialScansTest lists as a unit manager, an investigator and the MAS).
     */
    public void appendVisible(StringBuilder where, Map<String, Object> params) {
        if (caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN)) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        StringBuilder filed = new StringBuilder("select df.id from Deviation df where ");
        appendFiledByMe(filed, params, "df");
        reasons.add(filed.toString());
        reasons.addAll(workOn(params));
        where.append(" and d.id in (").append(String.join(" union ", reasons)).append(")");
    }

    /**
     * Restricts {@code d} to the cases the caller works on, not those it only filed: a filter on what only
     * case workers see (the triage category, running deadlines) must not tell a filer how its report was
     * classified.
     */
    public void appendWorkable(StringBuilder where, Map<String, Object> params) {
        if (caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN)) {
            return;
        }
        List<String> reasons = workOn(params);
        if (reasons.isEmpty()) {
            where.append(" and 1=0");
        } else {
            where.append(" and d.id in (")
                    .append(String.join(" union ", reasons))
                    .append(")");
        }
    }

    /**
     * The roles' reasons to work on a case ({@link DeviationAccess#canWorkOn}), each as a select of the ids of
     * the reports it covers, answered by an index.
     */
    private List<String> workOn(Map<String, Object> params) {
        List<String> reasons = new ArrayList<>();
        if (caller.hasRole(Roles.UNIT_MANAGER)) {
            Set<UUID> units = access.managedUnits();
            if (!units.isEmpty()) {
                reasons.add("select dm.id from Deviation dm where dm.orgUnitId in :managed");
                reasons.add("select dv.id from Deviation dv join dv.involvedOrgUnitIds v where v in :managed");
                params.put("managed", units);
            }
        }
        if (caller.hasRole(Roles.INVESTIGATOR)) {
            reasons.add("select ti.deviation.id from DeviationTrack ti where ti.investigator = :username");
            params.put("username", caller.username());
        }
        if (caller.hasRole(Roles.MEDICALLY_RESPONSIBLE)) {
            reasons.add(
                    "select tm.deviation.id from DeviationTrack tm where tm.category in :masCategories"
                            + " and (tm.closure is null or tm.closure <> se.kvalitet.events.deviation.DeviationTrackClosedV1.Closure.RECLASSIFIED)");
            params.put("masCategories", CategoryPolicies.standard().handledBy(HandledBy.MEDICALLY_RESPONSIBLE));
        }
        return reasons;
    }

    /** The reports the caller filed ({@link DeviationAccess#filedBy}), as a condition on the given alias. */
    private void appendFiledByMe(StringBuilder where, Map<String, Object> params, String alias) {
        where.append("(").append(alias).append(".reporterSubject = :me");
        params.put("me", caller.subject());
        if (access.isCaseSystem()) {
            // a case-management system sees what its own client filed, never another system's reports
            where.append(" and ").append(alias).append(".reporterClient = :client");
            params.put("client", caller.clientId() == null ? "" : caller.clientId());
        }
        where.append(")");
    }

    private static void range(
            StringBuilder where,
            Map<String, Object> params,
            String field,
            String fromName,
            Instant from,
            String toName,
            Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.invalidField(toName, "must not be before " + fromName);
        }
        if (from != null) {
            where.append(" and ").append(field).append(" >= :").append(fromName);
            params.put(fromName, from);
        }
        if (to != null) {
            where.append(" and ").append(field).append(" < :").append(toName);
            params.put(toName, to);
        }
    }
}
