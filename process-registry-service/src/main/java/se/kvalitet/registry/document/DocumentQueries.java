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
                        v.updatedAt))
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

    /** One page of documents, one version each (see {@link View}), sorted by title. */
    @Transactional
    public se.kvalitet.web.Page<DocumentListItem> list(Filter f, int page, int limit) {
        StringBuilder q = new StringBuilder("from DocumentVersion v, Document d where d.id = v.documentId");
        Map<String, Object> p = new HashMap<>();
        switch (f.view()) {
            case IN_FORCE -> q.append(" and v.status = :approved");
            case WITHDRAWN -> q.append(" and v.status = :withdrawn");
            case WORKING -> {
                q.append(" and v.status in :working");
                if (!access.qualityTeam()) {
                    Set<UUID> units = access.editableUnits();
                    if (units.isEmpty()) {
                        return new se.kvalitet.web.Page<>(List.of(), page, limit, 0);
                    }
                    q.append(" and v.ownerOrgUnitId in :editable");
                    p.put("editable", units);
                }
            }
        }
        switch (f.view()) {
            case IN_FORCE -> p.put("approved", Status.APPROVED);
            case WITHDRAWN -> p.put("withdrawn", Status.WITHDRAWN);
            case WORKING -> p.put("working", List.of(Status.DRAFT, Status.IN_REVIEW));
        }
        filters(q, p, f.type(), f.unit());
        if (f.processId() != null) {
            q.append(" and v.processId = :process");
            p.put("process", f.processId());
        }
        if (f.activityId() != null) {
            q.append(" and v.activityId = :activity");
            p.put("activity", f.activityId());
        }
        if (f.requirementItemId() != null) {
            q.append(
                    " and v.id in (select v3.id from DocumentVersion v3 join v3.requirements r where r.requirementItemId = :req)");
            p.put("req", f.requirementItemId());
        }
        if (f.partnerId() != null) {
            q.append(" and :partner member of v.partnerIds");
            p.put("partner", f.partnerId());
        }
        if (f.ownerOrgUnitId() != null) {
            q.append(" and v.ownerOrgUnitId = :owner");
            p.put("owner", f.ownerOrgUnitId());
        }
        if (f.updatedSince() != null) {
            q.append(" and d.updatedAt >= :since");
            p.put("since", f.updatedSince());
        }
        return page(q.toString(), " order by lower(v.title), d.id", p, page, limit);
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
                v.updatedAt);
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
