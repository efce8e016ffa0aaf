package se.kvalitet.registry.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.registry.document.DocumentVersion.Status;
import se.kvalitet.registry.document.DocumentViews.ActivityResponse;
import se.kvalitet.registry.document.DocumentViews.DecisionResponse;
import se.kvalitet.registry.document.DocumentViews.DiffResponse;
import se.kvalitet.registry.document.DocumentViews.DocumentListItem;
import se.kvalitet.registry.document.DocumentViews.DocumentResponse;
import se.kvalitet.registry.document.DocumentViews.ProvenanceResponse;
import se.kvalitet.registry.document.DocumentViews.RequirementLinkResponse;
import se.kvalitet.registry.document.DocumentViews.ResponsibilityResponse;
import se.kvalitet.registry.document.DocumentViews.VersionSummary;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.requirement.RequirementItem;
import se.kvalitet.registry.sql.InForce;
import se.kvalitet.web.ProblemException;

/**
 * Reading steering documents. Approved versions (in force, superseded, withdrawn) are readable by
 * all staff (SOSFS 2011:9: the staff work by them, so they must be available); drafts and versions
 * in review only by those who may edit the document.
 */
@ApplicationScoped
public class DocumentQueries {

    /** Which version of each document a list shows. */
    @Schema(name = "DocumentView")
    public enum View {
        /** The version in force (default). */
        IN_FORCE,
        /** The withdrawn version of withdrawn documents. */
        WITHDRAWN,
        /** Drafts and versions in review the caller may edit. */
        WORKING
    }

    /** The review state of a document in force. */
    public enum ReviewState {
        DUE,
        OVERDUE
    }

    public record Filter(
            View view,
            DocumentType type,
            UUID unit,
            UUID processId,
            UUID activityId,
            UUID requirementItemId,
            UUID partnerId,
            UUID ownerOrgUnitId,
            Instant updatedSince) {}

    @Inject
    DocumentRepository documents;

    @Inject
    DocumentVersionRepository versions;

    @Inject
    DocumentAccess access;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    EntityManager em;

    @Inject
    DocumentReferences references;

    @ConfigProperty(name = "kvalitet.registry.review.due-lead-time")
    Period dueLeadTime;

    /** The version in force; for a withdrawn document its last version; for one never approved its draft (editors only). */
    @Transactional
    public DocumentResponse current(UUID id) {
        Document d = document(id);
        int n;
        if (d.inForceVersion != null) {
            n = d.inForceVersion;
        } else if (d.status == Document.Status.WITHDRAWN) {
            n = versions.history(id).stream()
                    .filter(v -> v.status == Status.WITHDRAWN)
                    .mapToInt(v -> v.number)
                    .max()
                    .orElseThrow();
        } else {
            requireDraftReader(d);
            n = d.requireWorkingVersion();
        }
        return response(d, versions.find(id, n).orElseThrow());
    }

    @Transactional
    public DocumentResponse draft(UUID id) {
        Document d = document(id);
        requireDraftReader(d);
        if (d.workingVersion == null) {
            throw ProblemException.notFound("A draft of document " + id);
        }
        return response(d, versions.find(id, d.workingVersion).orElseThrow());
    }

    @Transactional
    public DocumentResponse version(UUID id, int number) {
        Document d = document(id);
        DocumentVersion v = versions.find(id, number)
                .filter(x -> x.status.decided() || access.canEdit(d))
                .orElseThrow(() -> ProblemException.notFound("Version " + number + " of document " + id));
        return response(d, v);
    }

    /** Every version the caller may see, oldest first (the document's history). */
    @Transactional
    public List<VersionSummary> history(UUID id) {
        Document d = document(id);
        boolean editor = access.canEdit(d);
        List<VersionSummary> out = versions.history(id).stream()
                .filter(v -> editor || v.status.decided())
                .map(v -> new VersionSummary(
                        v.number,
                        v.status,
                        v.title,
                        decision(v),
                        v.supersededOn,
                        v.withdrawnOn,
                        v.createdAt,
                        v.updatedAt,
                        provenance(v.id)))
                .toList();
        if (out.isEmpty()) {
            throw ProblemException.notFound("Document " + id);
        }
        return out;
    }

    @Transactional
    public long etag(UUID id) {
        return document(id).version;
    }

    /** What changed from version {@code from} to version {@code to}. */
    @Transactional
    public DiffResponse diff(UUID id, int from, int to) {
        Document d = document(id);
        boolean editor = access.canEdit(d);
        DocumentVersion a = versions.find(id, from)
                .filter(v -> editor || v.status.decided())
                .orElseThrow(() -> ProblemException.invalidField("from", "no such version of the document"));
        DocumentVersion b = versions.find(id, to)
                .filter(v -> editor || v.status.decided())
                .orElseThrow(() -> ProblemException.invalidField("to", "no such version of the document"));
        return VersionDiff.between(id, a, b);
    }

    /** Deepest row {@code page} may reach; beyond it, the cursor. */
    public static final int MAX_WINDOW = 10_000;

    /** The total is counted up to this many; above it {@code totalExact} is false. */
    public static final int TOTAL_CAP = 1_000;

    /**
     * With a filter other than the view and the unit, the total is counted up to this many: such a count checks each
     * version walked (its document, its links), about 17 blocks a match, so it stops sooner.
     */
    public static final int FILTERED_TOTAL_CAP = 200;

    /**
     * One page of documents, one version each (see {@link View}), sorted by title (lower-cased, then document id).
     *
     * <p>Issue 20: a page costs the same however many documents the registry holds. The page is an ordered walk of
     * {@code document_version_list} ({@code (status, lower(title), document_id)}, V80) with a {@code LIMIT}; the
     * filters are conditions on the rows walked (their cost is their selectivity, not the history's size). {@code
     * cursor} continues after the last item of the page before ({@code nextCursor}); {@code page} is allowed up to
     * {@link #MAX_WINDOW} rows deep. The total: for a unit with no other filter (IN_FORCE or WITHDRAWN), exact from
     * the per-unit count (V106); with another filter counted up to {@link #FILTERED_TOTAL_CAP}; else counted up to
     * {@link #TOTAL_CAP}.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public se.kvalitet.web.Page<DocumentListItem> list(Filter f, int page, int limit, String cursorParam) {
        TitleCursor cursor = TitleCursor.decode("cursor", cursorParam, f.view().name());
        if (cursor != null && page > 1) {
            throw ProblemException.invalidField(
                    "page", "must not be sent with cursor (a cursor says where the page starts)");
        }
        if ((long) (page - 1) * limit + limit > MAX_WINDOW) {
            throw ProblemException.invalidField(
                    "page", "page × limit must not exceed " + MAX_WINDOW + ": for deeper pages follow nextCursor");
        }
        StringBuilder where = new StringBuilder();
        Map<String, Object> p = new HashMap<>();
        switch (f.view()) {
            case IN_FORCE -> where.append("v.status = 'APPROVED'");
            case WITHDRAWN -> where.append("v.status = 'WITHDRAWN'");
            case WORKING -> {
                where.append("v.status IN ('DRAFT', 'IN_REVIEW')");
                if (!access.qualityTeam()) {
                    Set<UUID> units = access.editableUnits();
                    if (units.isEmpty()) {
                        return new se.kvalitet.web.Page<>(List.of(), page, limit, 0);
                    }
                    where.append(" AND v.owner_org_unit_id IN (:editable)");
                    p.put("editable", units);
                }
            }
        }
        if (f.type() != null) {
            where.append(" AND d.type = :type");
            p.put("type", f.type().name());
        }
        if (f.unit() != null) {
            orgUnits.one(f.unit(), orgUnits.today());
            where.append(" AND EXISTS (SELECT 1 FROM document_version_org_unit u"
                    + " WHERE u.version_id = v.id AND u.org_unit_id IN (:units))");
            p.put("units", orgUnits.around(f.unit(), orgUnits.today()));
        }
        if (f.processId() != null) {
            where.append(" AND v.process_id = :process");
            p.put("process", f.processId());
        }
        if (f.activityId() != null) {
            where.append(" AND v.activity_id = :activity");
            p.put("activity", f.activityId());
        }
        if (f.requirementItemId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM document_version_requirement r"
                    + " WHERE r.version_id = v.id AND r.requirement_item_id = :req)");
            p.put("req", f.requirementItemId());
        }
        if (f.partnerId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM document_version_partner x"
                    + " WHERE x.version_id = v.id AND x.partner_id = :partner)");
            p.put("partner", f.partnerId());
        }
        if (f.ownerOrgUnitId() != null) {
            where.append(" AND v.owner_org_unit_id = :owner");
            p.put("owner", f.ownerOrgUnitId());
        }
        if (f.updatedSince() != null) {
            where.append(" AND d.updated_at >= :since");
            p.put("since", f.updatedSince());
        }
        // the document is joined only for the filters on it (every version has one)
        boolean onDocument = f.type() != null || f.updatedSince() != null;
        String from = " FROM document_version v" + (onDocument ? " JOIN document d ON d.id = v.document_id" : "")
                + " WHERE " + where;
        String seek = cursor == null ? "" : " AND (lower(v.title), v.document_id) > (:cursorTitle, :cursorId)";
        // plans for the values at hand (a generic plan cannot tell a unit's share of the documents from a filter's)
        em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        var rows = em.createNativeQuery(
                "SELECT v.id AS version_id, lower(v.title) AS sort_title" + from + seek
                        + " ORDER BY lower(v.title), v.document_id LIMIT :window OFFSET :offset",
                Tuple.class);
        p.forEach(rows::setParameter);
        if (cursor != null) {
            rows.setParameter("cursorTitle", cursor.title());
            rows.setParameter("cursorId", cursor.documentId());
        }
        int offset = cursor == null ? (page - 1) * limit : 0;
        List<Tuple> found = rows.setParameter("window", limit + 1)
                .setParameter("offset", offset)
                .getResultList();
        long counted;
        boolean exact;
        if (f.view() != View.WORKING && f.unit() != null && onlyUnit(f)) {
            // the common case, the documents of a unit: exact, from the per-unit count (V106), O(units)
            counted = unitTotal(f.view() == View.IN_FORCE ? "APPROVED" : "WITHDRAWN", (Set<UUID>) p.get("units"));
            exact = true;
        } else {
            int cap = onlyUnit(f) ? TOTAL_CAP : FILTERED_TOTAL_CAP;
            var count = em.createNativeQuery("SELECT count(*) FROM (SELECT 1" + from + " LIMIT :cap) c");
            p.forEach(count::setParameter);
            counted = ((Number) count.setParameter("cap", cap + 1).getSingleResult()).longValue();
            exact = counted <= cap;
            counted = Math.min(counted, cap);
        }
        boolean more = found.size() > limit;
        List<Tuple> shown = more ? found.subList(0, limit) : found;
        List<DocumentListItem> items = inOrder(shown.stream()
                .map(t -> se.kvalitet.registry.sql.Columns.uuid(t, "version_id"))
                .toList());
        String next = null;
        if (more) {
            Tuple last = shown.get(shown.size() - 1);
            next = new TitleCursor(
                            f.view().name(),
                            se.kvalitet.registry.sql.Columns.string(last, "sort_title"),
                            items.get(items.size() - 1).id())
                    .encode();
        }
        return new se.kvalitet.web.Page<>(items, cursor == null ? page : 1, limit, counted, exact, next);
    }

    /** No filter but the view and the unit. */
    private static boolean onlyUnit(Filter f) {
        return f.type() == null
                && f.processId() == null
                && f.activityId() == null
                && f.requirementItemId() == null
                && f.partnerId() == null
                && f.ownerOrgUnitId() == null
                && f.updatedSince() == null;
    }

    /**
     * How many versions with {@code status} name one of {@code units} (each counted once): the sum of the units'
     * counts ({@code document_unit_count}, kept by a trigger on the versions' status, V106) less, for each version
     * naming more than one of the units ({@code document_multi_unit}), its units among them but one. Reads a row per
     * unit and a row per unit of such a version, not the versions.
     */
    private long unitTotal(String status, Set<UUID> units) {
        Object total = em.createNativeQuery("SELECT coalesce((SELECT sum(c.versions) FROM document_unit_count c"
                        + " WHERE c.status = :status AND c.org_unit_id IN (:units)), 0)"
                        + " - coalesce((SELECT sum(m.named - 1) FROM (SELECT count(*) AS named"
                        + " FROM document_multi_unit x WHERE x.status = :status AND x.org_unit_id IN (:units)"
                        + " GROUP BY x.version_id) m), 0)")
                .setParameter("status", status)
                .setParameter("units", units)
                .getSingleResult();
        return ((Number) total).longValue();
    }

    /** The list items of these versions, in the order given (one statement for versions and documents). */
    private List<DocumentListItem> inOrder(List<UUID> versionIds) {
        if (versionIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, DocumentListItem> byVersion = new HashMap<>();
        em.createQuery(
                        "select v as version, d as document from DocumentVersion v, Document d"
                                + " where d.id = v.documentId and v.id in :ids",
                        Tuple.class)
                .setParameter("ids", versionIds)
                .getResultList()
                .forEach(r -> {
                    DocumentVersion v = r.get("version", DocumentVersion.class);
                    byVersion.put(v.id, listItem(r.get("document", Document.class), v));
                });
        return versionIds.stream().map(byVersion::get).toList();
    }

    /**
     * Documents in force due for review within the lead time, or overdue (revision försenad), by review date: on
     * {@code asOf} when given (from the versions' validity and the review history), else today from the current
     * review dates.
     */
    @Transactional
    public se.kvalitet.web.Page<DocumentListItem> reviews(
            ReviewState state, DocumentType type, UUID unit, LocalDate asOf, int page, int limit) {
        if (asOf != null) {
            return reviewsOn(state, type, unit, asOf, page, limit);
        }
        LocalDate today = orgUnits.today();
        StringBuilder q = new StringBuilder(
                "from DocumentVersion v, Document d where d.id = v.documentId and v.status = :approved"
                        + " and d.nextReviewDate is not null");
        Map<String, Object> p = new HashMap<>();
        p.put("approved", Status.APPROVED);
        if (state == ReviewState.OVERDUE) {
            q.append(" and d.nextReviewDate < :today");
            p.put("today", today);
        } else if (state == ReviewState.DUE) {
            q.append(" and d.nextReviewDate >= :today and d.nextReviewDate <= :horizon");
            p.put("today", today);
            p.put("horizon", today.plus(dueLeadTime));
        } else {
            q.append(" and d.nextReviewDate <= :horizon");
            p.put("horizon", today.plus(dueLeadTime));
        }
        filters(q, p, type, unit);
        return page(q.toString(), " order by d.nextReviewDate, lower(v.title), d.id", p, page, limit);
    }

    /**
     * The reviews list as it stood on {@code day}: the version in force that day (valid from it, not yet superseded
     * or withdrawn), its review date then (the latest confirmed review on or before the day, else the date set when
     * the version was approved), DUE when that date is within the lead time from the day, OVERDUE when it is before
     * the day. The units are the organisation as of the day.
     */
    private se.kvalitet.web.Page<DocumentListItem> reviewsOn(
            ReviewState state, DocumentType type, UUID unit, LocalDate day, int page, int limit) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> p = new HashMap<>();
        p.put("day", day);
        if (state != ReviewState.OVERDUE) {
            p.put("horizon", day.plus(dueLeadTime));
        }
        if (type != null) {
            where.append(" AND d.type = :type");
            p.put("type", type.name());
        }
        if (unit != null) {
            orgUnits.one(unit, day);
            where.append(
                    " AND v.id IN (SELECT u.version_id FROM document_version_org_unit u WHERE u.org_unit_id IN (:units))");
            p.put("units", orgUnits.around(unit, day));
        }
        String inForce = """
                SELECT v.id AS version_id, v.document_id, lower(v.title) AS sort_title,
                       CASE WHEN r.reviewed_on IS NULL THEN v.next_review_date ELSE r.next_review_date END AS review_date
                  FROM document_version v
                  JOIN document d ON d.id = v.document_id
                  LEFT JOIN LATERAL (
                        SELECT x.reviewed_on, x.next_review_date FROM document_review_history x
                         WHERE x.document_id = v.document_id AND x.version_number = v.number AND x.reviewed_on <= :day
                         ORDER BY x.reviewed_on DESC LIMIT 1) r ON TRUE
                 WHERE v.id IN (""" + InForce.VERSIONS_ON_DAY + ")" + where;
        String when = switch (state == null ? ReviewState.DUE : state) {
            case OVERDUE -> " AND review_date < :day";
            case DUE ->
                state == null ? " AND review_date <= :horizon" : " AND review_date >= :day AND review_date <= :horizon";
        };
        String from = " FROM (" + inForce + ") f WHERE review_date IS NOT NULL" + when;
        var count = em.createNativeQuery("SELECT count(*)" + from);
        var rows = em.createNativeQuery(
                "SELECT version_id, review_date" + from + " ORDER BY review_date, sort_title, document_id",
                Tuple.class);
        p.forEach((k, val) -> {
            count.setParameter(k, val);
            rows.setParameter(k, val);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Tuple> found =
                rows.setFirstResult((page - 1) * limit).setMaxResults(limit).getResultList();
        List<DocumentListItem> items = found.stream()
                .map(t -> {
                    DocumentVersion v =
                            em.find(DocumentVersion.class, se.kvalitet.registry.sql.Columns.uuid(t, "version_id"));
                    Document d = em.find(Document.class, v.documentId);
                    DocumentListItem i = listItem(d, v);
                    return new DocumentListItem(
                            i.id(),
                            i.type(),
                            i.documentStatus(),
                            i.version(),
                            i.versionStatus(),
                            i.title(),
                            i.processCategory(),
                            i.processId(),
                            i.activityId(),
                            i.ownerOrgUnitId(),
                            i.orgUnitIds(),
                            i.validFrom(),
                            se.kvalitet.registry.sql.Columns.date(t, "review_date"),
                            i.updatedAt());
                })
                .toList();
        return new se.kvalitet.web.Page<>(items, page, limit, total);
    }

    public ReviewState reviewState(LocalDate nextReviewDate) {
        LocalDate today = orgUnits.today();
        if (nextReviewDate == null) {
            return null;
        }
        if (nextReviewDate.isBefore(today)) {
            return ReviewState.OVERDUE;
        }
        return nextReviewDate.isAfter(today.plus(dueLeadTime)) ? null : ReviewState.DUE;
    }

    // ------------------------------------------------------------------ mapping

    DocumentResponse response(Document d, DocumentVersion v) {
        Map<UUID, RequirementItem> items = references.items(
                v.requirements.stream().map(l -> l.requirementItemId).toList());
        boolean inForce = v.status == Status.APPROVED;
        return new DocumentResponse(
                d.id,
                d.type,
                d.status,
                v.number,
                v.status,
                d.inForceVersion,
                access.canEdit(d) ? d.workingVersion : null,
                v.title,
                v.summary,
                v.content,
                v.processCategory,
                v.startPoint,
                v.endPoint,
                v.requiresCooperation,
                v.processId,
                v.activityId,
                v.routineId,
                v.ownerOrgUnitId,
                v.ownerRole,
                VersionDiff.sortedSet(v.orgUnitIds),
                VersionDiff.sortedSet(v.verksamhetIds),
                VersionDiff.sortedSet(v.partnerIds),
                v.requirements.stream()
                        .map(l -> {
                            RequirementItem i = items.get(l.requirementItemId);
                            return new RequirementLinkResponse(
                                    l.requirementItemId,
                                    i == null ? null : i.regulation.code,
                                    i == null ? null : i.reference,
                                    l.followUpMethod,
                                    l.responsible);
                        })
                        .toList(),
                v.responsibilities.stream()
                        .map(r -> new ResponsibilityResponse(r.task, r.responsibleRole, r.responsibleOrgUnitId))
                        .toList(),
                List.copyOf(v.checklistItems),
                v.activities.stream()
                        .map(a -> new ActivityResponse(a.activityId, a.position, a.name, a.description))
                        .toList(),
                v.reviewInterval,
                v.reviewIntervalMonths,
                inForce ? d.nextReviewDate : v.nextReviewDate,
                inForce ? d.lastReviewedOn : null,
                decision(v),
                v.supersededOn,
                v.withdrawnOn,
                v.withdrawalReason,
                v.replacedByDocumentId,
                v.createdAt,
                v.updatedAt,
                provenance(v.id));
    }

    /** The migration import's provenance of a version (issue 16 item 1), by the version id's unique index. */
    ProvenanceResponse provenance(UUID versionId) {
        List<Tuple> rows = em.createNativeQuery("""
                        SELECT source_system, source_id, import_run_id FROM document_version_migration
                        WHERE version_id = :id""", Tuple.class)
                .setParameter("id", versionId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Tuple t = rows.get(0);
        return new ProvenanceResponse(
                se.kvalitet.registry.sql.Columns.string(t, "source_system"),
                se.kvalitet.registry.sql.Columns.string(t, "source_id"),
                se.kvalitet.registry.sql.Columns.uuid(t, "import_run_id"));
    }

    static DecisionResponse decision(DocumentVersion v) {
        return v.decidedBy == null
                ? null
                : new DecisionResponse(
                        v.decidedBy, v.decisionOrgUnitId, v.decidedOn, v.diarienummer, v.validFrom, v.approvedAt);
    }

    static DocumentListItem listItem(Document d, DocumentVersion v) {
        return new DocumentListItem(
                d.id,
                d.type,
                d.status,
                v.number,
                v.status,
                v.title,
                v.processCategory,
                v.processId,
                v.activityId,
                v.ownerOrgUnitId,
                VersionDiff.sortedSet(v.orgUnitIds),
                v.validFrom,
                v.status == Status.APPROVED ? d.nextReviewDate : null,
                d.updatedAt);
    }

    // ------------------------------------------------------------------ internals

    private void filters(StringBuilder q, Map<String, Object> p, DocumentType type, UUID unit) {
        if (type != null) {
            q.append(" and d.type = :type");
            p.put("type", type);
        }
        if (unit != null) {
            orgUnits.one(unit, orgUnits.today());
            q.append(" and v.id in (select v2.id from DocumentVersion v2 join v2.orgUnitIds u where u in :units)");
            p.put("units", orgUnits.around(unit, orgUnits.today()));
        }
    }

    private se.kvalitet.web.Page<DocumentListItem> page(
            String from, String order, Map<String, Object> p, int page, int limit) {
        TypedQuery<Long> count = em.createQuery("select count(v) " + from, Long.class);
        TypedQuery<Tuple> rows = em.createQuery("select v as version, d as document " + from + order, Tuple.class);
        p.forEach((k, val) -> {
            count.setParameter(k, val);
            rows.setParameter(k, val);
        });
        long total = count.getSingleResult();
        List<DocumentListItem> items =
                rows.setFirstResult((page - 1) * limit).setMaxResults(limit).getResultList().stream()
                        .map(r -> listItem(r.get("document", Document.class), r.get("version", DocumentVersion.class)))
                        .toList();
        return new se.kvalitet.web.Page<>(items, page, limit, total);
    }

    private Document document(UUID id) {
        return documents.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Document " + id));
    }

    private void requireDraftReader(Document d) {
        if (!access.canEdit(d)) {
            throw ProblemException.notFound(
                    d.status == Document.Status.NOT_APPROVED ? "Document " + d.id : "A draft of document " + d.id);
        }
    }
}
