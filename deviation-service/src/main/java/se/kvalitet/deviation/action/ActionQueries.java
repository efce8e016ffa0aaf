package se.kvalitet.deviation.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.clock.DeadlineClock;
import se.kvalitet.deviation.report.DeviationQueries;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.web.Cursor;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.ProblemException;

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
            Instant updatedSince,
            Instant asOf) {

        public Filter(
                DeviationAction.Status status,
                Boolean overdue,
                UUID orgUnit,
                String owner,
                UUID deviationId,
                Instant updatedSince) {
            this(status, overdue, orgUnit, owner, deviationId, updatedSince, null);
        }
    }

    /** How many actions were decided on a track. */
    public int countOnTrack(UUID trackId) {
        return em.createQuery("select count(a) from DeviationAction a where a.trackId = :t", Long.class)
                .setParameter("t", trackId)
                .getSingleResult()
                .intValue();
    }

    /**
     * Actions across every case the caller may see, soonest due first (with {@code updatedSince}: oldest change
     * first), as a keyset page like {@code GET /deviations} (issue 20): {@code cursor} continues after the last
     * action of the page before ({@code (key, id) > (…)}, walking {@code deviation_action (due_date, id)} or
     * {@code (updated_at, id)}), {@code page} reaches {@link DeviationQueries#MAX_WINDOW} rows deep, and the total
     * is counted up to {@link DeviationQueries#TOTAL_CAP}. The cases of the page go to the access log.
     */
    @Transactional
    public Page<DeviationAction> list(Filter f, PageParams page, String cursorParam) {
        boolean bySync = f.updatedSince() != null;
        String order = bySync ? "action-updated" : "action-due";
        Cursor cursor = Cursor.decode("cursor", cursorParam, order);
        if (cursor != null && page.page > 1) {
            throw ProblemException.invalidField(
                    "page", "must not be sent with cursor (a cursor says where the page starts)");
        }
        if ((long) page.offset() + page.limit > DeviationQueries.MAX_WINDOW) {
            throw ProblemException.invalidField(
                    "page",
                    "page × limit must not exceed " + DeviationQueries.MAX_WINDOW
                            + ": for deeper pages follow nextCursor");
        }
        StringBuilder where = new StringBuilder(" where d.id = a.deviationId");
        Map<String, Object> params = new HashMap<>();
        queries.appendWorkable(where, params);
        if (f.status() != null) {
            where.append(" and a.status = :status");
            params.put("status", f.status());
        }
        if (f.overdue() != null) {
            if (f.asOf() == null) {
                where.append(
                        f.overdue()
                                ? " and a.status in :open and a.dueDate < :today"
                                : " and (a.status not in :open or a.dueDate >= :today)");
                params.put("open", List.of(DeviationAction.Status.PLANNED, DeviationAction.Status.IN_PROGRESS));
                params.put("today", actions.today());
            } else {
                // overdue at asOf: its due clock's stored instants (DeadlineClock.state, the rule of /deadlines?asOf)
                where.append(f.overdue() ? " and " : " and not ")
                        .append("exists (select 1 from DeadlineClock c where c.subjectId = a.id and c.kind = :actionDue"
                                + " and c.startedAt <= :asOf and (c.stoppedAt is null or c.stoppedAt > :asOf)"
                                + " and c.dueAt <= :asOf)");
                params.put("actionDue", ClockKind.ACTION_DUE);
                params.put("asOf", f.asOf());
            }
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
        String key = bySync ? "a.updatedAt" : "a.dueDate";
        String sort = " order by " + key + ", a.id";
        StringBuilder walk = new StringBuilder(where);
        if (cursor != null) {
            // the key's lower bound first, so the walk of the index starts at the cursor
            walk.append(" and ")
                    .append(key)
                    .append(" >= :cursorKey and (")
                    .append(key)
                    .append(" > :cursorKey or a.id > :cursorId)");
            params.put("cursorKey", bySync ? cursor.at() : LocalDate.ofInstant(cursor.at(), ZoneOffset.UTC));
            params.put("cursorId", cursor.id());
        }
        TypedQuery<DeviationAction> items =
                em.createQuery("select a from DeviationAction a, Deviation d" + walk + sort, DeviationAction.class);
        TypedQuery<UUID> count =
                em.createQuery("select a.id from DeviationAction a, Deviation d" + where + sort, UUID.class);
        params.forEach((k, v) -> {
            items.setParameter(k, v);
            if (!k.startsWith("cursor")) {
                count.setParameter(k, v);
            }
        });
        List<DeviationAction> found = new ArrayList<>(items.setFirstResult(cursor == null ? page.offset() : 0)
                .setMaxResults(page.limit + 1)
                .getResultList());
        int counted = count.setMaxResults(DeviationQueries.TOTAL_CAP + 1)
                .getResultList()
                .size();
        String next = null;
        if (found.size() > page.limit) {
            found = found.subList(0, page.limit);
            DeviationAction last = found.get(found.size() - 1);
            next = new Cursor(
                            order,
                            bySync
                                    ? last.updatedAt
                                    : last.dueDate.atStartOfDay(ZoneOffset.UTC).toInstant(),
                            last.id)
                    .encode();
        }
        queries.logListed(found.stream().map(a -> a.deviationId).distinct().toList());
        boolean exact = counted <= DeviationQueries.TOTAL_CAP;
        return new Page<>(
                found,
                cursor == null ? page.page : 1,
                page.limit,
                exact ? counted : DeviationQueries.TOTAL_CAP,
                exact,
                next);
    }

    /** The list's first or {@code page}-th page (no cursor). */
    @Transactional
    public Page<DeviationAction> list(Filter f, PageParams page) {
        return list(f, page, null);
    }

    /**
     * Which of these actions were overdue at {@code asOf}: their due clock ({@link ClockKind#ACTION_DUE}) had started
     * and was past due and not stopped then ({@link DeadlineClock#state}), the rule of {@code /deadlines?asOf}.
     */
    public Set<UUID> overdueAt(List<DeviationAction> found, Instant asOf) {
        if (found.isEmpty()) {
            return Set.of();
        }
        Set<UUID> overdue = new HashSet<>();
        for (DeadlineClock c : em.createQuery(
                        "select c from DeadlineClock c where c.subjectId in :ids and c.kind = :kind",
                        DeadlineClock.class)
                .setParameter("ids", found.stream().map(a -> a.id).toList())
                .setParameter("kind", ClockKind.ACTION_DUE)
                .getResultList()) {
            if ("OVERDUE".equals(c.state(asOf))) {
                overdue.add(c.subjectId);
            }
        }
        return overdue;
    }
}
