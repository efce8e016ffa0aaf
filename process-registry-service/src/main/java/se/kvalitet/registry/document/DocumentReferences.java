package se.kvalitet.registry.document;

import static se.kvalitet.registry.domain.FreeText.requireFreeOfPersonalIdentityNumbers;
import static se.kvalitet.registry.domain.Values.nullToEmpty;
import static se.kvalitet.registry.domain.Values.orEmpty;

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
import se.kvalitet.registry.cooperation.CooperationPartner;
import se.kvalitet.registry.document.DocumentCommands.DocumentCommand;
import se.kvalitet.registry.document.DocumentCommands.RequirementLinkCommand;
import se.kvalitet.registry.document.DocumentCommands.ResponsibilityCommand;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.orgunit.OrgUnitVersionRepository;
import se.kvalitet.registry.requirement.RequirementItem;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

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

    @Inject
    StepTime time;

    /** Type rules and references of a draft's new content. */
    public void validate(DocumentType type, DocumentCommand r, List<ProcessActivity> currentActivities) {
        requireFitsType(type, r);
        requireFreeTexts(r);
        LocalDate today = time.today();
        List<Problem.FieldError> unknown = new ArrayList<>();
        unknownUnits(r, today, unknown);
        unknownCatalogueEntries(r, today, unknown);
        unknownDocuments(r, unknown);
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown-reference", "Some references do not exist", unknown);
        }
    }

    /** Which fields a type takes, the review interval, no duplicates (400 naming the fields). */
    private static void requireFitsType(DocumentType type, DocumentCommand r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean process = type == DocumentType.PROCESS;
        only(errors, r.processCategory() != null, process, "processCategory", "PROCESS");
        only(errors, r.startPoint() != null && !r.startPoint().isBlank(), process, "startPoint", "PROCESS");
        only(errors, r.endPoint() != null && !r.endPoint().isBlank(), process, "endPoint", "PROCESS");
        only(errors, r.processId() != null, !process, "processId", "documents other than processes");
        only(
                errors,
                r.activityId() != null,
                type == DocumentType.ROUTINE || type == DocumentType.CHECKLIST,
                "activityId",
                "ROUTINE and CHECKLIST");
        only(errors, r.routineId() != null, type == DocumentType.CHECKLIST, "routineId", "CHECKLIST");
        only(
                errors,
                r.checklistItems() != null && !r.checklistItems().isEmpty(),
                type == DocumentType.CHECKLIST,
                "checklistItems",
                "CHECKLIST");
        only(
                errors,
                r.responsibilities() != null && !r.responsibilities().isEmpty(),
                type != DocumentType.CHECKLIST,
                "responsibilities",
                "documents other than checklists");
        if (r.reviewInterval() == ReviewInterval.MONTHS && r.reviewIntervalMonths() == null) {
            errors.add(new Problem.FieldError("reviewIntervalMonths", "is required with MONTHS"));
        }
        if (r.reviewInterval() != ReviewInterval.MONTHS && r.reviewIntervalMonths() != null) {
            errors.add(new Problem.FieldError("reviewIntervalMonths", "is only for MONTHS"));
        }
        duplicates(errors, "orgUnitIds", r.orgUnitIds());
        duplicates(errors, "verksamhetIds", r.verksamhetIds());
        duplicates(errors, "cooperationPartnerIds", r.cooperationPartnerIds());
        duplicates(
                errors,
                "requirements",
                r.requirements() == null
                        ? null
                        : r.requirements().stream()
                                .map(RequirementLinkCommand::requirementItemId)
                                .toList());
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", "Some fields do not fit a " + type, errors);
        }
    }

    private static void requireFreeTexts(DocumentCommand r) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", r.title());
        texts.put("summary", nullToEmpty(r.summary()));
        texts.put("content", nullToEmpty(r.content()));
        texts.put("startPoint", nullToEmpty(r.startPoint()));
        texts.put("endPoint", nullToEmpty(r.endPoint()));
        texts.put("ownerRole", nullToEmpty(r.ownerRole()));
        List<ResponsibilityCommand> resp = orEmpty(r.responsibilities());
        for (int i = 0; i < resp.size(); i++) {
            texts.put("responsibilities[" + i + "].task", resp.get(i).task());
            texts.put(
                    "responsibilities[" + i + "].responsibleRole",
                    nullToEmpty(resp.get(i).responsibleRole()));
        }
        List<String> items = orEmpty(r.checklistItems());
        for (int i = 0; i < items.size(); i++) {
            texts.put("checklistItems[" + i + "]", items.get(i));
        }
        List<RequirementLinkCommand> reqs = orEmpty(r.requirements());
        for (int i = 0; i < reqs.size(); i++) {
            texts.put(
                    "requirements[" + i + "].responsible",
                    nullToEmpty(reqs.get(i).responsible()));
        }
        requireFreeOfPersonalIdentityNumbers(texts);
    }

    /** Owner, units and responsible units must be active units today. */
    private void unknownUnits(DocumentCommand r, LocalDate today, List<Problem.FieldError> unknown) {
        List<ResponsibilityCommand> resp = orEmpty(r.responsibilities());
        Set<UUID> mentioned = new HashSet<>(r.orgUnitIds());
        mentioned.add(r.ownerOrgUnitId());
        resp.stream()
                .map(ResponsibilityCommand::responsibleOrgUnitId)
                .filter(java.util.Objects::nonNull)
                .forEach(mentioned::add);
        Set<UUID> active = activeUnits(mentioned, today);
        if (!active.contains(r.ownerOrgUnitId())) {
            unknown.add(new Problem.FieldError("ownerOrgUnitId", "no such active org unit today"));
        }
        each(unknown, "orgUnitIds", r.orgUnitIds(), active::contains, "no such active org unit today");
        for (int i = 0; i < resp.size(); i++) {
            UUID u = resp.get(i).responsibleOrgUnitId();
            if (u != null && !active.contains(u)) {
                unknown.add(new Problem.FieldError(
                        "responsibilities[" + i + "].responsibleOrgUnitId", "no such active org unit today"));
            }
        }
    }

    /** Verksamheter, active cooperation partners and requirement items in force. */
    private void unknownCatalogueEntries(DocumentCommand r, LocalDate today, List<Problem.FieldError> unknown) {
        Set<UUID> verksamheter = existing("select v.id from Verksamhet v where v.id in :ids", r.verksamhetIds());
        each(unknown, "verksamhetIds", r.verksamhetIds(), verksamheter::contains, "no such verksamhet");
        Set<UUID> partners = existing(
                "select p.id from CooperationPartner p where p.active = true and p.id in :ids",
                r.cooperationPartnerIds());
        each(
                unknown,
                "cooperationPartnerIds",
                r.cooperationPartnerIds(),
                partners::contains,
                "no such active cooperation partner");
        List<UUID> reqIds = orEmpty(r.requirements()).stream()
                .map(RequirementLinkCommand::requirementItemId)
                .toList();
        Set<UUID> inForce = existing(
                "select i.id from RequirementItem i where (i.withdrawnOn is null or i.withdrawnOn > :today) "
                        + "and i.id in :ids",
                reqIds,
                today);
        for (int i = 0; i < reqIds.size(); i++) {
            if (!inForce.contains(reqIds.get(i))) {
                unknown.add(new Problem.FieldError(
                        "requirements[" + i + "].requirementItemId", "no such requirement item in force"));
            }
        }
    }

    /** The process, its activity and the routine: ones the caller can see, not withdrawn. */
    private void unknownDocuments(DocumentCommand r, List<Problem.FieldError> unknown) {
        // a document the caller cannot see (another owner's draft) is as unknown as one that does not exist
        if (r.processId() != null) {
            Document p = em.find(Document.class, r.processId());
            if (p == null
                    || p.type != DocumentType.PROCESS
                    || p.status == Document.Status.WITHDRAWN
                    || !access.canSee(p)) {
                unknown.add(new Problem.FieldError("processId", "no such process (not withdrawn)"));
            } else if (r.activityId() != null && !activitiesOf(p).contains(r.activityId())) {
                unknown.add(new Problem.FieldError("activityId", "is not an activity of that process"));
            }
        } else if (r.activityId() != null && !visibleProcess(processOfOrNull(r.activityId()))) {
            unknown.add(new Problem.FieldError("activityId", "no such activity of a process"));
        }
        if (r.routineId() != null) {
            Document routine = em.find(Document.class, r.routineId());
            if (routine == null
                    || routine.type != DocumentType.ROUTINE
                    || routine.status == Document.Status.WITHDRAWN
                    || !access.canSee(routine)) {
                unknown.add(new Problem.FieldError("routineId", "no such routine (not withdrawn)"));
            }
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
            throw ProblemException.unprocessable(
                    "unknown-reference",
                    "No such activity",
                    List.of(new Problem.FieldError("activityId", "no such activity of a process")));
        }
        return p;
    }

    UUID processOfOrNull(UUID activityId) {
        return em.createQuery(
                        "select v.documentId from ProcessActivity a join a.version v where a.activityId = :a "
                                + "and v.status in :live order by v.number desc",
                        UUID.class)
                .setParameter("a", activityId)
                .setParameter(
                        "live",
                        List.of(
                                DocumentVersion.Status.DRAFT,
                                DocumentVersion.Status.IN_REVIEW,
                                DocumentVersion.Status.APPROVED))
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /** The activities of a process's version in force and of its working version. */
    Set<UUID> activitiesOf(Document process) {
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
        return new HashSet<>(em.createQuery(
                        "select a.activityId from ProcessActivity a join a.version v "
                                + "where v.documentId = :p and v.number in :n",
                        UUID.class)
                .setParameter("p", process.id)
                .setParameter("n", numbers)
                .getResultList());
    }

    Set<UUID> activeUnits(Collection<UUID> ids, LocalDate day) {
        return unitVersions.active(ids, day);
    }

    Set<UUID> existing(String jpql, List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                em.createQuery(jpql, UUID.class).setParameter("ids", ids).getResultList());
    }

    Set<UUID> existing(String jpql, List<UUID> ids, LocalDate today) {
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery(jpql, UUID.class)
                .setParameter("ids", ids)
                .setParameter("today", today)
                .getResultList());
    }

    static void each(
            List<Problem.FieldError> errors,
            String field,
            List<UUID> ids,
            java.util.function.Predicate<UUID> ok,
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

    private static void only(
            List<Problem.FieldError> errors, boolean given, boolean allowed, String field, String forWhat) {
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

    /** Requirement items by id (for responses and events). */
    public Map<UUID, RequirementItem> items(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from RequirementItem i where i.id in :ids", RequirementItem.class)
                .setParameter("ids", ids)
                .getResultStream()
                .collect(Collectors.toMap(i -> i.id, i -> i));
    }

    public Map<UUID, CooperationPartner> partners(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from CooperationPartner p where p.id in :ids", CooperationPartner.class)
                .setParameter("ids", ids)
                .getResultStream()
                .collect(Collectors.toMap(p -> p.id, p -> p));
    }
}
