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
import se.kvalitet.web.Cursor;
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
            Boolean overdue,
            Instant asOf) {

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
                    null,
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

    /**
     * A page of the cases the caller may see, newest first (with {@code updatedSince}: oldest change first), as a
     * keyset page (issue 20): its cost does not grow with the number of stored reports.
     *
     * <ul>
     *   <li>The rows come from one or more <em>branches</em>, each an ordered, limited walk of an index whose
     *       leading column is the branch's condition and whose trailing columns are the sort key (V40): the
     *       quality team's whole list, or one branch per unit of an {@code orgUnit} subtree (plus the reports
     *       involving them); for everyone else one branch per reason to see a report (filed it, manages one of its
     *       units, is involved through a unit, investigates one of its tracks, is the MAS of its category). The
     *       branches are merged, deduplicated, and cut to the page: each reads at most offset + limit + 1 entries.
     *   <li>The other filters are conditions checked on the rows a branch walks.
     *   <li>{@code cursor} continues after the last item of the previous page ({@code (key, id) < (…)}); {@code
     *       page} is allowed up to {@link #MAX_WINDOW} rows deep.
     *   <li>The total counts up to {@link #TOTAL_CAP} (the same branches, each limited): above it the page says
     *       {@code totalExact = false}.
     * </ul>
     */
    @Transactional
    public Page<Deviation> list(Filter f, PageParams page, String cursorParam) {
        boolean bySync = f.updatedSince() != null;
        String order = bySync ? "updated" : "created";
        Cursor cursor = Cursor.decode("cursor", cursorParam, order);
        if (cursor != null && page.page > 1) {
            throw ProblemException.invalidField(
                    "page", "must not be sent with cursor (a cursor says where the page starts)");
        }
        if ((long) page.offset() + page.limit > MAX_WINDOW) {
            throw ProblemException.invalidField(
                    "page", "page × limit must not exceed " + MAX_WINDOW + ": for deeper pages follow nextCursor");
        }
        Sql q = new Sql(bySync ? "updated_at" : "created_at", bySync ? "asc" : "desc", cursor);
        List<Branch> branches = branches(f, q, bySync);
        if (branches.isEmpty()) {
            return new Page<>(List.of(), page.page, page.limit, 0, true, null);
        }
        String common = common(f, q);
        // plans for the values at hand: a generic plan of a prepared statement cannot tell a case system's share of the
        // reports (a fifth) from a person's (a handful) and chose a scan of the whole table for the bounded count
        em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        int window = page.offset() + page.limit + 1;
        List<UUID> ids = q.ids(em, branches, common, window, page.offset(), page.limit + 1);
        long counted = q.count(em, branches, common, TOTAL_CAP + 1);
        if (explainPlans) {
            q.explain(em, branches, common, window, page.offset(), page.limit + 1, TOTAL_CAP + 1);
        }

        boolean more = ids.size() > page.limit;
        List<UUID> shown = more ? ids.subList(0, page.limit) : ids;
        List<Deviation> found = inOrder(shown);
        String next = null;
        if (more && !found.isEmpty()) {
            Deviation last = found.get(found.size() - 1);
            next = new Cursor(order, bySync ? last.updatedAt : last.createdAt, last.id).encode();
        }
        for (Deviation d : found) {
            Hibernate.initialize(d.tracks);
        }
        accessLog.granted(shown, Action.LIST);
        boolean exact = counted <= TOTAL_CAP;
        return new Page<>(found, cursor == null ? page.page : 1, page.limit, exact ? counted : TOTAL_CAP, exact, next);
    }

    /** The list without a cursor (first or {@code page}-th page). */
    @Transactional
    public Page<Deviation> list(Filter f, PageParams page) {
        return list(f, page, null);
    }

    /** The reports with these ids, in this order. */
    private List<Deviation> inOrder(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Deviation> byId = new HashMap<>();
        for (Deviation d : em.createQuery("select d from Deviation d where d.id in :ids", Deviation.class)
                .setParameter("ids", ids)
                .getResultList()) {
            byId.put(d.id, d);
        }
        List<Deviation> ordered = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Deviation d = byId.get(id);
            if (d != null) {
                ordered.add(d);
            }
        }
        return ordered;
    }

    /**
     * The branches of a list (conditions on {@code d}, each served by an index in the list's order; see {@link
     * #list(Filter, PageParams, String)}). Empty: the caller can see nothing the filter asks for.
     */
    private List<Branch> branches(Filter f, Sql q, boolean bySync) {
        List<Branch> branches = new ArrayList<>();
        boolean all = caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN);
        if (f.onlyMine()) {
            branches.add(Branch.of(filedByMe(q)));
        } else if (all && f.orgUnit() != null) {
            branches.addAll(units("unit", orgUnits.subtree(List.of(f.orgUnit())), q, bySync, f.status()));
        } else if (all) {
            branches.add(Branch.of("true"));
        } else {
            // a filter on case work (the triage category, running deadlines) lists only the cases the caller works
            // on, never those it only filed: it must not tell a filer how its report was classified
            if (f.category() == null && f.overdue() == null) {
                branches.add(Branch.of(filedByMe(q)));
            }
            branches.addAll(workOnBranches(q, bySync, f.status()));
        }
        return branches;
    }

    /**
     * The reports of these units (where it happened, and those involving them): per unit, one walk of {@code
     * (org_unit_id, created_at, id)} and one of the involved units' {@code (org_unit_id, created_at, deviation_id)}
     * (V41); with a status filter {@code (org_unit_id, status, created_at, …)} for both (V40, and V90's copy of the
     * report's status on the involved unit), so a unit's open cases are walked without its closed history. In the
     * sync order the involved ones are one lookup.
     */
    private static List<Branch> units(String name, Set<UUID> units, Sql q, boolean bySync, Deviation.Status status) {
        String statusParam = status == null ? null : q.param("status", status.name());
        List<Branch> branches = new ArrayList<>();
        int i = 0;
        for (UUID unit : units) {
            String param = q.param(name + i++, unit);
            branches.add(Branch.of("d.org_unit_id = " + param));
            if (!bySync) {
                branches.add(Branch.involved(param, statusParam));
            }
        }
        if (bySync && !units.isEmpty()) {
            branches.add(
                    Branch.of("d.id in (select v.deviation_id from deviation_involved_unit v where v.org_unit_id in ("
                            + q.param(name + "s", units) + "))"));
        }
        return branches;
    }

    /** The caller's reasons to work on a case ({@link DeviationAccess#canWorkOn}), each a branch. */
    private List<Branch> workOnBranches(Sql q, boolean bySync, Deviation.Status status) {
        List<Branch> branches = new ArrayList<>();
        if (caller.hasRole(Roles.UNIT_MANAGER)) {
            branches.addAll(units("managed", access.managedUnits(), q, bySync, status));
        }
        if (caller.hasRole(Roles.INVESTIGATOR)) {
            branches.add(Branch.of("d.id in (select ti.deviation_id from deviation_track ti where ti.investigator = "
                    + q.param("username", caller.username()) + ")"));
        }
        if (caller.hasRole(Roles.MEDICALLY_RESPONSIBLE)) {
            List<String> categories = CategoryPolicies.standard().handledBy(HandledBy.MEDICALLY_RESPONSIBLE).stream()
                    .map(Enum::name)
                    .toList();
            branches.add(
                    Branch.of(probe("select 1 from deviation_track tm where tm.deviation_id = d.id and tm.category in ("
                            + q.param("masCategories", categories) + ")" + NOT_RECLASSIFIED.replace("{t}", "tm"))));
        }
        return branches;
    }

    private String filedByMe(Sql q) {
        String mine = "d.reporter_subject = " + q.param("me", caller.subject());
        if (access.isCaseSystem()) {
            // a case-management system sees what its own client filed, never another system's reports
            mine += " and d.reporter_client = " + q.param("client", caller.clientId() == null ? "" : caller.clientId());
        }
        return mine;
    }

    /** The filters other than the branches', as conditions on {@code d} (each starting with " and"). */
    private String common(Filter f, Sql q) {
        StringBuilder where = new StringBuilder();
        if (f.status() != null) {
            where.append(" and d.status = ").append(q.param("status", f.status().name()));
        }
        if (f.category() != null) {
            where.append(" and ")
                    .append(probe("select 1 from deviation_track t where t.deviation_id = d.id and t.category = "
                            + q.param("category", f.category().name()) + NOT_RECLASSIFIED.replace("{t}", "t")));
        }
        boolean all = caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN);
        if (f.orgUnit() != null && !(all && !f.onlyMine())) {
            Set<UUID> subtree = orgUnits.subtree(List.of(f.orgUnit()));
            String units = q.param("subtree", subtree);
            where.append(" and (d.org_unit_id in (")
                    .append(units)
                    .append(") or exists (select 1 from deviation_involved_unit v2 where v2.deviation_id = d.id")
                    .append(" and v2.org_unit_id in (")
                    .append(units)
                    .append(")))");
        }
        if (f.occurredFrom() != null && f.occurredTo() != null && f.occurredTo().isBefore(f.occurredFrom())) {
            throw ProblemException.invalidField("occurredTo", "must not be before occurredFrom");
        }
        if (f.reportedFrom() != null && f.reportedTo() != null && f.reportedTo().isBefore(f.reportedFrom())) {
            throw ProblemException.invalidField("reportedTo", "must not be before reportedFrom");
        }
        if (f.occurredFrom() != null) {
            where.append(" and d.occurred_at >= ").append(q.param("occurredFrom", f.occurredFrom()));
        }
        if (f.occurredTo() != null) {
            where.append(" and d.occurred_at < ").append(q.param("occurredTo", f.occurredTo()));
        }
        if (f.reportedFrom() != null) {
            where.append(" and d.created_at >= ").append(q.param("reportedFrom", f.reportedFrom()));
        }
        if (f.reportedTo() != null) {
            where.append(" and d.created_at < ").append(q.param("reportedTo", f.reportedTo()));
        }
        if (f.channel() != null) {
            where.append(" and d.channel = ")
                    .append(q.param("channel", f.channel().name()));
        }
        if (f.source() != null) {
            where.append(" and d.external_source = ").append(q.param("source", f.source()));
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " and " : " and not ")
                    .append("exists (select 1 from deadline_clock oc where oc.deviation_id = d.id");
            if (f.asOf() == null) {
                where.append(" and oc.stopped_at is null and oc.due_at <= ").append(q.param("now", clock.instant()));
            } else {
                // overdue at asOf, from the clocks' stored instants (DeadlineClock.state, the rule of /deadlines?asOf):
                // started by then, not stopped by then, due by then
                String at = q.param("asOf", f.asOf());
                where.append(" and oc.started_at <= ")
                        .append(at)
                        .append(" and (oc.stopped_at is null or oc.stopped_at > ")
                        .append(at)
                        .append(") and oc.due_at <= ")
                        .append(at);
            }
            where.append(")");
        }
        if (f.updatedSince() != null) {
            where.append(" and d.updated_at >= ").append(q.param("updatedSince", f.updatedSince()));
        }
        return where.toString();
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeviationQueries.class);

    /**
     * Diagnostics (the growth benchmark's {@code -Dgrowth.explain=true}): every list runs its statements once more
     * under {@code EXPLAIN (ANALYZE, BUFFERS)} and logs the plans. Off unless turned on.
     */
    volatile boolean explainPlans;

    public void explainPlans(boolean on) {
        this.explainPlans = on;
    }

    /** Deepest row a {@code page} may reach; beyond it, the cursor. */
    public static final int MAX_WINDOW = 10_000;

    /** The lists count their total up to this many reports. */
    public static final int TOTAL_CAP = 1_000;

    /**
     * A per-row check of the report's own rows ({@code deviation_track (deviation_id, category)}): a scalar
     * subquery, which PostgreSQL runs for each row the branch walks, where an {@code exists} may become a hash join
     * over every matching track in the history (the bounded count took that plan, and it grows with history).
     */
    private static String probe(String correlatedSelect) {
        return "(" + correlatedSelect + " limit 1) is not null";
    }

    private static final String NOT_RECLASSIFIED = " and ({t}.closure is null or {t}.closure <> 'RECLASSIFIED')";

    /**
     * One source of rows of a list: {@code from} (always with the report as {@code d}) and its condition, walked in
     * the list's order on {@code alias.<key>, alias.<idColumn>} (the report's own columns, or the involved unit's
     * copies of them).
     */
    private record Branch(String from, String condition, String alias, String idColumn) {

        static Branch of(String condition) {
            return new Branch("deviation d", condition, "d", "id");
        }

        /**
         * The reports involving a unit, in the order of the involved unit's own index (V41); with a status (the
         * report's, copied by V90's trigger) the index of the unit's reports in that status.
         */
        static Branch involved(String unitParam, String statusParam) {
            return new Branch(
                    "deviation_involved_unit v join deviation d on d.id = v.deviation_id",
                    "v.org_unit_id = " + unitParam + (statusParam == null ? "" : " and v.status = " + statusParam),
                    "v",
                    "deviation_id");
        }
    }

    /** A native query under construction: its sort key, direction and cursor, and its named parameters. */
    private static final class Sql {
        final String key;
        final String direction;
        final Cursor cursor;
        final Map<String, Object> params = new HashMap<>();

        Sql(String key, String direction, Cursor cursor) {
            this.key = key;
            this.direction = direction;
            this.cursor = cursor;
            if (cursor != null) {
                params.put("cursorAt", cursor.at());
                params.put("cursorId", cursor.id());
            }
        }

        String param(String name, Object value) {
            params.put(name, value);
            return ":" + name;
        }

        /**
         * One branch walked in the list's order to {@code limit} rows: for the page with both sort columns (and after
         * the cursor), for the count only the id. Both walk the branch's index in order, so every branch reads at most
         * {@code limit} index entries (with an unordered count the planner was free to build a hash of every match).
         */
        private String walk(Branch b, String where, int limit, boolean page) {
            String sortKey = b.alias() + "." + key;
            String sortId = b.alias() + "." + b.idColumn();
            StringBuilder sql = new StringBuilder("select d.id");
            if (page) {
                sql.append(", d.").append(key);
            }
            sql.append(" from ")
                    .append(b.from())
                    .append(" where ")
                    .append(b.condition())
                    .append(where);
            if (page && cursor != null) {
                sql.append(" and (")
                        .append(sortKey)
                        .append(", ")
                        .append(sortId)
                        .append(") ")
                        .append("asc".equals(direction) ? ">" : "<")
                        .append(" (:cursorAt, :cursorId)");
            }
            sql.append(" order by ")
                    .append(sortKey)
                    .append(' ')
                    .append(direction)
                    .append(", ")
                    .append(sortId)
                    .append(' ')
                    .append(direction);
            return sql.append(" limit ").append(limit).toString();
        }

        String pageSql(List<Branch> branches, String where, int window, int offset, int limit) {
            StringBuilder union = new StringBuilder();
            for (Branch branch : branches) {
                if (union.length() > 0) {
                    union.append(" union ");
                }
                union.append('(').append(walk(branch, where, window, true)).append(')');
            }
            return "select x.id from (" + union + ") x order by x." + key + " " + direction + ", x.id " + direction
                    + " offset " + offset + " limit " + limit;
        }

        String countSql(List<Branch> branches, String where, int cap) {
            StringBuilder union = new StringBuilder();
            for (Branch branch : branches) {
                if (union.length() > 0) {
                    union.append(" union ");
                }
                union.append('(').append(walk(branch, where, cap, false)).append(')');
            }
            return "select count(*) from (" + union + ") x";
        }

        /** Each branch walked in the list's order to {@code window} rows, merged, deduplicated, cut to the page. */
        @SuppressWarnings("unchecked")
        List<UUID> ids(EntityManager em, List<Branch> branches, String where, int window, int offset, int limit) {
            var query = em.createNativeQuery(pageSql(branches, where, window, offset, limit), UUID.class);
            bind(query, false);
            return query.getResultList();
        }

        /** How many reports the list has, counted up to {@code cap} (each branch reads at most that many). */
        long count(EntityManager em, List<Branch> branches, String where, int cap) {
            var query = em.createNativeQuery(countSql(branches, where, cap), Long.class);
            bind(query, true);
            return ((Number) query.getSingleResult()).longValue();
        }

        /** Diagnostics: both statements again under {@code EXPLAIN (ANALYZE, BUFFERS)}, the plans logged. */
        @SuppressWarnings("unchecked")
        void explain(
                EntityManager em, List<Branch> branches, String where, int window, int offset, int limit, int cap) {
            for (String sql :
                    List.of(pageSql(branches, where, window, offset, limit), countSql(branches, where, cap))) {
                var query = em.createNativeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql, String.class);
                bind(query, sql.startsWith("select count"));
                LOG.infof("list plan%n%s%n%s", sql, String.join("\n", (List<String>) query.getResultList()));
            }
        }

        /** Binds the parameters (collections as lists: {@code in (:name)}); the count has no keyset. */
        private void bind(jakarta.persistence.Query query, boolean withoutCursor) {
            var nativeQuery = query.unwrap(org.hibernate.query.NativeQuery.class);
            params.forEach((k, v) -> {
                if (withoutCursor && k.startsWith("cursor")) {
                    return;
                }
                if (v instanceof java.util.Collection<?> values) {
                    nativeQuery.setParameterList(k, values);
                } else {
                    nativeQuery.setParameter(k, v);
                }
            });
        }
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
}
