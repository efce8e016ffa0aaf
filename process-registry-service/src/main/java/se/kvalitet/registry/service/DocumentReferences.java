package se.kvalitet.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.registry.CooperationPartner;
import se.kvalitet.registry.Document;
import se.kvalitet.registry.DocumentVersion;
import se.kvalitet.registry.ProcessActivity;
import se.kvalitet.registry.RequirementItem;
import se.kvalitet.registry.rest.DocumentDtos.DocumentRequest;
import se.kvalitet.registry.rest.DocumentDtos.RequirementLinkRequest;
import se.kvalitet.registry.rest.DocumentDtos.ResponsibilityRequest;
import se.kvalitet.registry.repository.OrgUnitVersionRepository;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The rules a document's fields and references follow: which fields each type takes (400), that
 * what it points at exists (422 naming the field), that nothing a document in force depends on
 * disappears (409), and that an approved version is complete for its type (422). Steering
 * documents are read by all staff: text with a personal identity number is refused (422).
 */
@ApplicationScoped
public class DocumentReferences {

    @Inject
    EntityManager em;

    @Inject
    OrgUnitVersionRepository unitVersions;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    DocumentAccess access;

    /** Type rules and references of a draft's new content. */
    public void validate(DocumentType type, DocumentRequest r, List<ProcessActivity> currentActivities) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean process = type == DocumentType.PROCESS;
        only(errors, r.processCategory() != null, process, "processCategory", "PROCESS");
        only(errors, r.startPoint() != null && !r.startPoint().isBlank(), process, "startPoint", "PROCESS");
        only(errors, r.endPoint() != null && !r.endPoint().isBlank(), process, "endPoint", "PROCESS");
        only(errors, r.processId() != null, !process, "processId", "documents other than processes");
        only(errors, r.activityId() != null, type == DocumentType.ROUTINE || type == DocumentType.CHECKLIST, "activityId",
                "ROUTINE and CHECKLIST");
        only(errors, r.routineId() != null, type == DocumentType.CHECKLIST, "routineId", "CHECKLIST");
        only(errors, r.checklistItems() != null && !r.checklistItems().isEmpty(), type == DocumentType.CHECKLIST,
                "checklistItems", "CHECKLIST");
        only(errors, r.responsibilities() != null && !r.responsibilities().isEmpty(), type != DocumentType.CHECKLIST,
                "responsibilities", "documents other than checklists");
        if (r.reviewInterval() == ReviewInterval.MONTHS && r.reviewIntervalMonths() == null) {
            errors.add(new Problem.FieldError("reviewIntervalMonths", "is required with MONTHS"));
        }
        if (r.reviewInterval() != ReviewInterval.MONTHS && r.reviewIntervalMonths() != null) {
            errors.add(new Problem.FieldError("reviewIntervalMonths", "is only for MONTHS"));
        }
        duplicates(errors, "orgUnitIds", r.orgUnitIds());
        duplicates(errors, "verksamhetIds", r.verksamhetIds());
        duplicates(errors, "cooperationPartnerIds", r.cooperationPartnerIds());
        duplicates(errors, "requirements", r.requirements() == null ? null
                : r.requirements().stream().map(RequirementLinkRequest::requirementItemId).toList());
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", "Some fields do not fit a " + type, errors);
        }

        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", r.title());
        texts.put("summary", DocumentService.nullToEmpty(r.summary()));
        texts.put("content", DocumentService.nullToEmpty(r.content()));
        texts.put("startPoint", DocumentService.nullToEmpty(r.startPoint()));
        texts.put("endPoint", DocumentService.nullToEmpty(r.endPoint()));
        texts.put("ownerRole", DocumentService.nullToEmpty(r.ownerRole()));
        List<ResponsibilityRequest> resp = DocumentService.orEmpty(r.responsibilities());
        for (int i = 0; i < resp.size(); i++) {
            texts.put("responsibilities[" + i + "].task", resp.get(i).task());
            texts.put("responsibilities[" + i + "].responsibleRole", DocumentService.nullToEmpty(resp.get(i).responsibleRole()));
        }
        List<String> items = DocumentService.orEmpty(r.checklistItems());
        for (int i = 0; i < items.size(); i++) {
            texts.put("checklistItems[" + i + "]", items.get(i));
        }
        List<RequirementLinkRequest> reqs = DocumentService.orEmpty(r.requirements());
        for (int i = 0; i < reqs.size(); i++) {
            texts.put("requirements[" + i + "].responsible", DocumentService.nullToEmpty(reqs.get(i).responsible()));
        }
        requireFreeOfPersonalIdentityNumbers(texts);

        LocalDate today = orgUnits.today();
        List<Problem.FieldError> unknown = new ArrayList<>();
        Set<UUID> mentioned = new HashSet<>(r.orgUnitIds());
        mentioned.add(r.ownerOrgUnitId());
        resp.stream().map(ResponsibilityRequest::responsibleOrgUnitId).filter(java.util.Objects::nonNull).forEach(mentioned::add);
        Set<UUID> active = activeUnits(mentioned, today);
        if (!active.contains(r.ownerOrgUnitId())) {
            unknown.add(new Problem.FieldError("ownerOrgUnitId", "no such active org unit today"));
        }
        each(unknown, "orgUnitIds", r.orgUnitIds(), active::contains, "no such active org unit today");
        for (int i = 0; i < resp.size(); i++) {
            UUID u = resp.get(i).responsibleOrgUnitId();
            if (u != null && !active.contains(u)) {
                unknown.add(new Problem.FieldError("responsibilities[" + i + "].responsibleOrgUnitId", "no such active org unit today"));
            }
        }
        Set<UUID> verksamheter = existing("select v.id from Verksamhet v where v.id in :ids", r.verksamhetIds());
        each(unknown, "verksamhetIds", r.verksamhetIds(), verksamheter::contains, "no such verksamhet");
        Set<UUID> partners = existing("select p.id from CooperationPartner p where p.active = true and p.id in :ids",
                r.cooperationPartnerIds());
        each(unknown, "cooperationPartnerIds", r.cooperationPartnerIds(), partners::contains, "no such active cooperation partner");
        List<UUID> reqIds = reqs.stream().map(RequirementLinkRequest::requirementItemId).toList();
        Set<UUID> inForce = existing("select i.id from RequirementItem i where (i.withdrawnOn is null or i.withdrawnOn > :today) "
                + "and i.id in :ids", reqIds, today);
        for (int i = 0; i < reqIds.size(); i++) {
            if (!inForce.contains(reqIds.get(i))) {
                unknown.add(new Problem.FieldError("requirements[" + i + "].requirementItemId", "no such requirement item in force"));
            }
        }
        // a document the caller cannot see (another owner's draft) is as unknown as one that does not exist
        if (r.processId() != null) {
            Document p = em.find(Document.class, r.processId());
            if (p == null || p.type != DocumentType.PROCESS || p.status == Document.Status.WITHDRAWN || !access.canSee(p)) {
                unknown.add(new Problem.FieldError("processId", "no such process (not withdrawn)"));
            } else if (r.activityId() != null && !activitiesOf(p).contains(r.activityId())) {
                unknown.add(new Problem.FieldError("activityId", "is not an activity of that process"));
            }
        } else if (r.activityId() != null && !visibleProcess(processOfOrNull(r.activityId()))) {
            unknown.add(new Problem.FieldError("activityId", "no such activity of a process"));
        }
        if (r.routineId() != null) {
            Document routine = em.find(Document.class, r.routineId());
            if (routine == null || routine.type != DocumentType.ROUTINE || routine.status == Document.Status.WITHDRAWN
                    || !access.canSee(routine)) {
                unknown.add(new Problem.FieldError("routineId", "no such routine (not withdrawn)"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown-reference", "Some references do not exist", unknown);
        }
    }

    /** A version in review must have what its type needs before it is approved; references are checked again. */
    public void requireComplete(Document d, DocumentVersion v, LocalDate today) {
        List<Problem.FieldError> missing = new ArrayList<>();
        if (v.orgUnitIds.isEmpty()) {
            missing.add(new Problem.FieldError("orgUnitIds", "name at least one unit it applies to"));
        }
        boolean needsPartners = v.requiresCooperation || d.type == DocumentType.COOPERATION_AGREEMENT;
        switch (d.type) {
            case PROCESS -> {
                required(missing, v.processCategory, "processCategory");
                required(missing, v.summary, "summary", "the process's purpose (syfte)");
                required(missing, v.startPoint, "startPoint");
                required(missing, v.endPoint, "endPoint");
                if (v.activities.isEmpty()) {
                    missing.add(new Problem.FieldError("activities", "a process needs at least one activity (4 kap. 3 §)"));
                }
            }
            case ROUTINE -> {
                required(missing, v.content, "content", "the procedure (tillvägagångssätt, 4 kap. 4 §)");
                if (v.responsibilities.isEmpty()) {
                    missing.add(new Problem.FieldError("responsibilities", "say who is responsible for what (4 kap. 4 §)"));
                }
            }
            case GUIDELINE -> required(missing, v.content, "content");
            case CHECKLIST -> {
                if (v.checklistItems.isEmpty()) {
                    missing.add(new Problem.FieldError("checklistItems", "a checklist needs at least one item"));
                }
            }
            case COOPERATION_AGREEMENT -> {
                if (v.content == null && v.summary == null) {
                    missing.add(new Problem.FieldError("content", "say what the parties agree on"));
                }
            }
        }
        if (needsPartners && v.partnerIds.isEmpty()) {
            missing.add(new Problem.FieldError("cooperationPartnerIds", "name the partners of the samverkan (4 kap. 5 §)"));
        }
        Set<UUID> mentioned = new HashSet<>(v.orgUnitIds);
        mentioned.add(v.ownerOrgUnitId);
        Set<UUID> active = activeUnits(mentioned, today);
        each(missing, "orgUnitIds", List.copyOf(v.orgUnitIds), active::contains, "is no longer an active org unit");
        if (!active.contains(v.ownerOrgUnitId)) {
            missing.add(new Problem.FieldError("ownerOrgUnitId", "is no longer an active org unit"));
        }
        List<UUID> reqIds = v.requirements.stream().map(l -> l.requirementItemId).toList();
        Set<UUID> inForce = existing("select i.id from RequirementItem i where (i.withdrawnOn is null or i.withdrawnOn > :today) "
                + "and i.id in :ids", reqIds, today);
        for (int i = 0; i < reqIds.size(); i++) {
            if (!inForce.contains(reqIds.get(i))) {
                missing.add(new Problem.FieldError("requirements[" + i + "].requirementItemId", "the requirement item was withdrawn"));
            }
        }
        Set<UUID> partners = existing("select p.id from CooperationPartner p where p.active = true and p.id in :ids",
                List.copyOf(v.partnerIds));
        each(missing, "cooperationPartnerIds", List.copyOf(v.partnerIds), partners::contains, "the partner is no longer active");
        if (v.processId != null) {
            Document p = em.find(Document.class, v.processId);
            if (p.status == Document.Status.WITHDRAWN) {
                missing.add(new Problem.FieldError("processId", "the process was withdrawn"));
            } else if (v.activityId != null && !activitiesOf(p).contains(v.activityId)) {
                missing.add(new Problem.FieldError("activityId", "is no longer an activity of the process"));
            }
        }
        if (v.routineId != null && em.find(Document.class, v.routineId).status == Document.Status.WITHDRAWN) {
            missing.add(new Problem.FieldError("routineId", "the routine was withdrawn"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("incomplete-document",
                    "The version cannot be approved until these are in place", missing);
        }
    }

    /** A new process version may not drop activities that routines or checklists in force point at. */
    public void requireActivitiesKept(UUID processId, DocumentVersion previous, DocumentVersion next) {
        Set<UUID> kept = next.activities.stream().map(a -> a.activityId).collect(Collectors.toSet());
        List<UUID> dropped = previous.activities.stream().map(a -> a.activityId).filter(a -> !kept.contains(a)).toList();
        for (UUID a : dropped) {
            requireActivityUnused(processId, a);
        }
    }

    /** 409 when a document in force (or a draft) points at the activity. */
    public void requireActivityUnused(UUID processId, UUID activityId) {
        List<UUID> users = em.createQuery("select distinct v.documentId from DocumentVersion v where v.activityId = :a "
                + "and v.status in :live", UUID.class).setParameter("a", activityId)
                .setParameter("live", List.of(DocumentVersion.Status.DRAFT, DocumentVersion.Status.IN_REVIEW,
                        DocumentVersion.Status.APPROVED)).getResultList();
        if (!users.isEmpty()) {
            throw ProblemException.conflict("activity-in-use",
                    "Routines or checklists point at this activity; move or withdraw them first")
                    .with("activityId", activityId).with("documentIds", users);
        }
    }

    /** A process or routine in force cannot be withdrawn while documents in force belong to it. */
    public void requireNoDependentsInForce(Document d) {
        String field = switch (d.type) {
            case PROCESS -> "processId";
            case ROUTINE -> "routineId";
            default -> null;
        };
        if (field == null) {
            return;
        }
        List<UUID> dependents = em.createQuery("select distinct v.documentId from DocumentVersion v where v." + field
                + " = :d and v.status in :live", UUID.class).setParameter("d", d.id)
                .setParameter("live", List.of(DocumentVersion.Status.DRAFT, DocumentVersion.Status.IN_REVIEW,
                        DocumentVersion.Status.APPROVED)).getResultList();
        if (!dependents.isEmpty()) {
            throw ProblemException.conflict("document-has-dependents",
                    "Documents belong to this " + d.type + "; withdraw or move them first").with("documentIds", dependents);
        }
    }

    public void requireReplacement(Document d, UUID replacementId) {
        Document other = em.find(Document.class, replacementId);
        if (other == null || other.id.equals(d.id) || other.status != Document.Status.IN_FORCE) {
            throw ProblemException.unprocessable("unknown-reference", "The replacement must be another document in force",
                    List.of(new Problem.FieldError("replacedByDocumentId", "no such other document in force")));
        }
    }

    public void requireActiveUnits(String field, Collection<UUID> ids, LocalDate day) {
        Set<UUID> active = activeUnits(ids, day);
        List<Problem.FieldError> errors = new ArrayList<>();
        each(errors, field, List.copyOf(ids), active::contains, "no such active org unit");
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("unknown-reference", "Some references do not exist", errors);
        }
    }

    public void requireFreeOfPersonalIdentityNumbers(Map<String, String> texts) {
        List<Problem.FieldError> errors = texts.entrySet().stream()
                .filter(e -> e.getValue() != null && PersonalIdentityNumbers.containsAny(e.getValue()))
                .map(e -> new Problem.FieldError(e.getKey(),
                        "contains what looks like a personal identity number; steering documents are read by all staff"))
                .toList();
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("personal-identity-number",
                    "Remove personal identity numbers from the document", errors);
        }
    }

    /** Whether {@code processId} is a process the caller can see (null: none). */
    public boolean visibleProcess(UUID processId) {
        if (processId == null) {
            return false;
        }
        Document p = em.find(Document.class, processId);
        return p != null && access.canSee(p);
    }

    /** The process an activity belongs to (in its version in force or its draft), if the caller can see it. */
    public UUID processOf(UUID activityId) {
        UUID p = processOfOrNull(activityId);
        if (!visibleProcess(p)) {
            throw ProblemException.unprocessable("unknown-reference", "No such activity",
                    List.of(new Problem.FieldError("activityId", "no such activity of a process")));
        }
        return p;
    }

    private UUID processOfOrNull(UUID activityId) {
        return em.createQuery("select v.documentId from ProcessActivity a join a.version v where a.activityId = :a "
                + "and v.status in :live order by v.number desc", UUID.class).setParameter("a", activityId)
                .setParameter("live", List.of(DocumentVersion.Status.DRAFT, DocumentVersion.Status.IN_REVIEW,
                        DocumentVersion.Status.APPROVED))
                .setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    /** The activities of a process's version in force and of its working version. */
    private Set<UUID> activitiesOf(Document process) {
        List<Integer> numbers = new ArrayList<>();
        if (process.inForceVersion != null) {
            numbers.add(process.inForceVersion);
        }
        if (process.workingVersion != null) {
            numbers.add(process.workingVersion);
        }
        if (numbers.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select a.activityId from ProcessActivity a join a.version v "
                + "where v.documentId = :p and v.number in :n", UUID.class)
                .setParameter("p", process.id).setParameter("n", numbers).getResultList());
    }

    private Set<UUID> activeUnits(Collection<UUID> ids, LocalDate day) {
        return unitVersions.active(ids, day);
    }

    private Set<UUID> existing(String jpql, List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery(jpql, UUID.class).setParameter("ids", ids).getResultList());
    }

    private Set<UUID> existing(String jpql, List<UUID> ids, LocalDate today) {
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery(jpql, UUID.class).setParameter("ids", ids).setParameter("today", today)
                .getResultList());
    }

    private static void each(List<Problem.FieldError> errors, String field, List<UUID> ids, java.util.function.Predicate<UUID> ok,
            String message) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!ok.test(ids.get(i))) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", message));
            }
        }
    }

    private static void only(List<Problem.FieldError> errors, boolean given, boolean allowed, String field, String forWhat) {
        if (given && !allowed) {
            errors.add(new Problem.FieldError(field, "is only for " + forWhat));
        }
    }

    private static void duplicates(List<Problem.FieldError> errors, String field, List<UUID> ids) {
        if (ids == null) {
            return;
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != null && !seen.add(ids.get(i))) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "is listed twice"));
            }
        }
    }

    private static void required(List<Problem.FieldError> errors, Object value, String field) {
        required(errors, value, field, "is required for approval");
    }

    private static void required(List<Problem.FieldError> errors, Object value, String field, String message) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, message));
        }
    }

    /** Requirement items by id (for responses and events). */
    public Map<UUID, RequirementItem> items(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from RequirementItem i where i.id in :ids", RequirementItem.class).setParameter("ids", ids)
                .getResultStream().collect(Collectors.toMap(i -> i.id, i -> i));
    }

    public Map<UUID, CooperationPartner> partners(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from CooperationPartner p where p.id in :ids", CooperationPartner.class).setParameter("ids", ids)
                .getResultStream().collect(Collectors.toMap(p -> p.id, p -> p));
    }
}
