package se.kvalitet.registry.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * What must hold before a version is approved, a process loses an activity or a document is
 * withdrawn (SOSFS 2011:9 4 kap. 3-5 §§): the type's required content, references still valid,
 * activities and documents that others depend on (422 or 409 naming the fields).
 */
@ApplicationScoped
public class ApprovalChecks {

    @Inject
    EntityManager em;

    @Inject
    DocumentReferences references;

    /** A version in review must have what its type needs before it is approved; references are checked again. */
    public void requireComplete(Document d, DocumentVersion v, LocalDate today) {
        List<Problem.FieldError> missing = new ArrayList<>();
        missingForType(d.type, v, missing);
        noLongerValid(v, today, missing);
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable(
                    "incomplete-document", "The version cannot be approved until these are in place", missing);
        }
    }

    /** What a version of the type needs before approval (SOSFS 2011:9 4 kap. 3-5 §§). */
    private static void missingForType(DocumentType type, DocumentVersion v, List<Problem.FieldError> missing) {
        if (v.orgUnitIds.isEmpty()) {
            missing.add(new Problem.FieldError("orgUnitIds", "name at least one unit it applies to"));
        }
        boolean needsPartners = v.requiresCooperation || type == DocumentType.COOPERATION_AGREEMENT;
        switch (type) {
            case PROCESS -> {
                required(missing, v.processCategory, "processCategory");
                required(missing, v.summary, "summary", "the process's purpose (syfte)");
                required(missing, v.startPoint, "startPoint");
                required(missing, v.endPoint, "endPoint");
                if (v.activities.isEmpty()) {
                    missing.add(
                            new Problem.FieldError("activities", "a process needs at least one activity (4 kap. 3 §)"));
                }
            }
            case ROUTINE -> {
                required(missing, v.content, "content", "the procedure (tillvägagångssätt, 4 kap. 4 §)");
                if (v.responsibilities.isEmpty()) {
                    missing.add(
                            new Problem.FieldError("responsibilities", "say who is responsible for what (4 kap. 4 §)"));
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
            missing.add(
                    new Problem.FieldError("cooperationPartnerIds", "name the partners of the samverkan (4 kap. 5 §)"));
        }
    }

    /** References checked again at approval: units still active, items in force, partners active, links not withdrawn. */
    private void noLongerValid(DocumentVersion v, LocalDate today, List<Problem.FieldError> missing) {
        Set<UUID> mentioned = new HashSet<>(v.orgUnitIds);
        mentioned.add(v.ownerOrgUnitId);
        Set<UUID> active = references.activeUnits(mentioned, today);
        DocumentReferences.each(
                missing, "orgUnitIds", List.copyOf(v.orgUnitIds), active::contains, "is no longer an active org unit");
        if (!active.contains(v.ownerOrgUnitId)) {
            missing.add(new Problem.FieldError("ownerOrgUnitId", "is no longer an active org unit"));
        }
        List<UUID> reqIds =
                v.requirements.stream().map(l -> l.requirementItemId).toList();
        Set<UUID> inForce = references.existing(
                "select i.id from RequirementItem i where (i.withdrawnOn is null or i.withdrawnOn > :today) "
                        + "and i.id in :ids",
                reqIds,
                today);
        for (int i = 0; i < reqIds.size(); i++) {
            if (!inForce.contains(reqIds.get(i))) {
                missing.add(new Problem.FieldError(
                        "requirements[" + i + "].requirementItemId", "the requirement item was withdrawn"));
            }
        }
        Set<UUID> partners = references.existing(
                "select p.id from CooperationPartner p where p.active = true and p.id in :ids",
                List.copyOf(v.partnerIds));
        DocumentReferences.each(
                missing,
                "cooperationPartnerIds",
                List.copyOf(v.partnerIds),
                partners::contains,
                "the partner is no longer active");
        if (v.processId != null) {
            Document p = em.find(Document.class, v.processId);
            if (p.status == Document.Status.WITHDRAWN) {
                missing.add(new Problem.FieldError("processId", "the process was withdrawn"));
            } else if (v.activityId != null && !references.activitiesOf(p).contains(v.activityId)) {
                missing.add(new Problem.FieldError("activityId", "is no longer an activity of the process"));
            }
        }
        if (v.routineId != null && em.find(Document.class, v.routineId).status == Document.Status.WITHDRAWN) {
            missing.add(new Problem.FieldError("routineId", "the routine was withdrawn"));
        }
    }

    /** A new process version may not drop activities that routines or checklists in force point at. */
    public void requireActivitiesKept(UUID processId, DocumentVersion previous, DocumentVersion next) {
        Set<UUID> kept = next.activities.stream().map(a -> a.activityId).collect(Collectors.toSet());
        List<UUID> dropped = previous.activities.stream()
                .map(a -> a.activityId)
                .filter(a -> !kept.contains(a))
                .toList();
        for (UUID a : dropped) {
            requireActivityUnused(processId, a);
        }
    }

    /** 409 when a document in force (or a draft) points at the activity. */
    public void requireActivityUnused(UUID processId, UUID activityId) {
        List<UUID> users = em.createQuery(
                        "select distinct v.documentId from DocumentVersion v where v.activityId = :a "
                                + "and v.status in :live",
                        UUID.class)
                .setParameter("a", activityId)
                .setParameter(
                        "live",
                        List.of(
                                DocumentVersion.Status.DRAFT,
                                DocumentVersion.Status.IN_REVIEW,
                                DocumentVersion.Status.APPROVED))
                .getResultList();
        if (!users.isEmpty()) {
            throw ProblemException.conflict(
                            "activity-in-use",
                            "Routines or checklists point at this activity; move or withdraw them first")
                    .with("activityId", activityId)
                    .with("documentIds", users);
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
        List<UUID> dependents = em.createQuery(
                        "select distinct v.documentId from DocumentVersion v where v." + field
                                + " = :d and v.status in :live",
                        UUID.class)
                .setParameter("d", d.id)
                .setParameter(
                        "live",
                        List.of(
                                DocumentVersion.Status.DRAFT,
                                DocumentVersion.Status.IN_REVIEW,
                                DocumentVersion.Status.APPROVED))
                .getResultList();
        if (!dependents.isEmpty()) {
            throw ProblemException.conflict(
                            "document-has-dependents",
                            "Documents belong to this " + d.type + "; withdraw or move them first")
                    .with("documentIds", dependents);
        }
    }

    public void requireReplacement(Document d, UUID replacementId) {
        Document other = em.find(Document.class, replacementId);
        if (other == null || other.id.equals(d.id) || other.status != Document.Status.IN_FORCE) {
            throw ProblemException.unprocessable(
                    "unknown-reference",
                    "The replacement must be another document in force",
                    List.of(new Problem.FieldError("replacedByDocumentId", "no such other document in force")));
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
}
