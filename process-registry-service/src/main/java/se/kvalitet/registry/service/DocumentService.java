package se.kvalitet.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.kvalitet.events.registry.DocumentReviewedV1;
import se.kvalitet.events.registry.DocumentSupersededV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.WithdrawalReason;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.registry.Document;
import se.kvalitet.registry.DocumentVersion;
import se.kvalitet.registry.DocumentVersion.Status;
import se.kvalitet.registry.ProcessActivity;
import se.kvalitet.registry.RequirementLink;
import se.kvalitet.registry.Responsibility;
import se.kvalitet.registry.ReviewSchedule;
import se.kvalitet.registry.repository.DocumentRepository;
import se.kvalitet.registry.repository.DocumentVersionRepository;
import se.kvalitet.registry.rest.DocumentDtos.ActivityRequest;
import se.kvalitet.registry.rest.DocumentDtos.ApproveRequest;
import se.kvalitet.registry.rest.DocumentDtos.DocumentRequest;
import se.kvalitet.registry.rest.DocumentDtos.ReviewRequest;
import se.kvalitet.registry.rest.DocumentDtos.WithdrawRequest;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * The lifecycle of steering documents: one use case per method, each one transaction that changes
 * the document and its versions and writes the events other services learn from to the outbox.
 * Every change needs the document's ETag in If-Match and an editor (see {@link DocumentAccess}).
 */
@ApplicationScoped
public class DocumentService {

    @Inject
    DocumentRepository documents;

    @Inject
    DocumentVersionRepository versions;

    @Inject
    DocumentReferences references;

    @Inject
    DocumentEvents events;

    @Inject
    CoveragePublisher coverage;

    @Inject
    DocumentAccess access;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Transactional
    public DocumentVersion create(DocumentRequest r) {
        return create(null, r);
    }

    /** With a fixed id (demo data); {@code id} null draws one. */
    @Transactional
    public DocumentVersion create(UUID id, DocumentRequest r) {
        if (r.type() == null) {
            throw ProblemException.invalidField("type", "is required when creating a document");
        }
        if (id != null && documents.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("document-exists", "A document with this id exists").with("documentId", id);
        }
        access.requireOwnerUnit(r.ownerOrgUnitId());
        access.requireApplicableUnits(r.orgUnitIds(), List.of());
        Instant now = clock.instant();
        Document d = new Document();
        d.id = id == null ? UUID.randomUUID() : id;
        d.type = r.type();
        d.status = Document.Status.NOT_APPROVED;
        d.latestVersion = 1;
        d.workingVersion = 1;
        d.createdAt = now;
        d.createdBy = who();
        DocumentVersion v = new DocumentVersion();
        v.id = UUID.randomUUID();
        v.documentId = d.id;
        v.number = 1;
        v.status = Status.DRAFT;
        v.createdAt = now;
        v.createdBy = who();
        apply(d, v, r);
        touch(d, v);
        documents.persist(d);
        versions.persist(v);
        return v;
    }

    /** Replaces the whole content of the draft. */
    @Transactional
    public DocumentVersion replaceDraft(UUID id, String ifMatch, DocumentRequest r) {
        Document d = editable(id, ifMatch);
        if (r.type() != null && r.type() != d.type) {
            throw ProblemException.invalidField("type", "is " + d.type + " and cannot change");
        }
        DocumentVersion v = working(d);
        v.requireEditable();
        if (!r.ownerOrgUnitId().equals(v.ownerOrgUnitId)) {
            access.requireOwnerUnit(r.ownerOrgUnitId());
        }
        access.requireApplicableUnits(r.orgUnitIds(), v.orgUnitIds);
        apply(d, v, r);
        touch(d, v);
        return flushed(v);
    }

    /** Throws the draft (or version in review) away; a document never approved goes with it. */
    @Transactional
    public boolean discardDraft(UUID id, String ifMatch) {
        Document d = editable(id, ifMatch);
        DocumentVersion v = working(d);
        versions.delete(v);
        d.workingVersion = null;
        d.latestVersion = v.number - 1;
        if (d.inForceVersion == null && d.status == Document.Status.NOT_APPROVED) {
            documents.delete(d);
            return true;
        }
        touch(d, null);
        return false;
    }

    /** A new draft from the version in force (revidering); the version in force stays in force until the draft is approved. */
    @Transactional
    public DocumentVersion startRevision(UUID id, String ifMatch) {
        Document d = editable(id, ifMatch);
        if (d.workingVersion != null) {
            throw ProblemException.conflict("draft-exists", "The document already has a draft or a version in review")
                    .with("workingVersion", d.workingVersion);
        }
        DocumentVersion current = versions.find(d.id, d.requireInForce()).orElseThrow();
        DocumentVersion next = current.revision(d.latestVersion + 1, clock.instant(), who());
        d.latestVersion = next.number;
        d.workingVersion = next.number;
        versions.persist(next);
        touch(d, next);
        return flushed(next);
    }

    @Transactional
    public DocumentVersion submit(UUID id, String ifMatch) {
        Document d = editable(id, ifMatch);
        DocumentVersion v = working(d);
        v.moveTo(Status.IN_REVIEW);
        touch(d, v);
        return flushed(v);
    }

    @Transactional
    public DocumentVersion returnToDraft(UUID id, String ifMatch) {
        Document d = editable(id, ifMatch);
        DocumentVersion v = working(d);
        v.moveTo(Status.DRAFT);
        touch(d, v);
        return flushed(v);
    }

    /**
     * Records the decision approving the version in review: it becomes the immutable version in
     * force from {@code validFrom}, the previous version is superseded, and the next review is
     * scheduled. Publishes document.approved (and document.superseded) and refreshes coverage.
     */
    @Transactional
    public DocumentVersion approve(UUID id, String ifMatch, ApproveRequest r) {
        Document d = editable(id, ifMatch);
        DocumentVersion v = working(d);
        if (v.status != Status.IN_REVIEW) {
            throw ProblemException.conflict("invalid-transition", "Only a version in review is approved; submit the draft first")
                    .with("currentState", v.status).with("allowed", v.status.next());
        }
        LocalDate today = orgUnits.today();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.decidedOn().isAfter(today)) {
            errors.add(new Problem.FieldError("decidedOn", "cannot be after today (" + today + ")"));
        }
        LocalDate validFrom = r.validFrom() == null ? r.decidedOn() : r.validFrom();
        if (validFrom.isBefore(r.decidedOn())) {
            errors.add(new Problem.FieldError("validFrom", "cannot be before decidedOn"));
        }
        LocalDate review = r.nextReviewDate() != null ? r.nextReviewDate()
                : ReviewSchedule.next(validFrom, v.reviewInterval, v.reviewIntervalMonths);
        if (review != null && !review.isAfter(validFrom)) {
            errors.add(new Problem.FieldError("nextReviewDate", "must be after validFrom"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", "The decision's dates do not fit", errors);
        }
        references.requireFreeOfPersonalIdentityNumbers(Map.of("diarienummer", nullToEmpty(r.diarienummer())));
        if (r.decisionOrgUnitId() != null) {
            references.requireActiveUnits("decisionOrgUnitId", List.of(r.decisionOrgUnitId()), today);
        }
        references.requireComplete(d, v, today);
        DocumentVersion previous = d.inForceVersion == null ? null : versions.find(d.id, d.inForceVersion).orElseThrow();
        if (previous != null && d.type == DocumentType.PROCESS) {
            references.requireActivitiesKept(d.id, previous, v);
        }
        Instant now = clock.instant();
        v.approve(r.decidedBy(), r.decisionOrgUnitId(), r.decidedOn(), blankToNull(r.diarienummer()), validFrom, review,
                now, who());
        v.updatedAt = now;
        v.updatedBy = who();
        if (previous != null) {
            previous.supersede(validFrom);
        }
        d.status = Document.Status.IN_FORCE;
        d.inForceVersion = v.number;
        d.workingVersion = null;
        d.ownerOrgUnitId = v.ownerOrgUnitId;
        d.nextReviewDate = review;
        d.lastReviewedOn = r.decidedOn();
        touch(d, null);
        versions.flush();
        outbox.publish(events.approved(d, v, previous));
        if (previous != null) {
            outbox.publish(new DocumentSupersededV1(d.id, d.type, previous.number, previous.id, v.number, validFrom,
                    sorted(previous.orgUnitIds), now));
        }
        coverage.refresh();
        return flushed(v);
    }

    /** Withdraws the document in force (upphäva) from a day; a draft must be discarded first. */
    @Transactional
    public DocumentVersion withdraw(UUID id, String ifMatch, WithdrawRequest r) {
        Document d = editable(id, ifMatch);
        if (d.workingVersion != null) {
            throw ProblemException.conflict("draft-exists", "Discard the draft before withdrawing the document")
                    .with("workingVersion", d.workingVersion);
        }
        DocumentVersion v = versions.find(d.id, d.requireInForce()).orElseThrow();
        if (r.reason() == WithdrawalReason.REPLACED && r.replacedByDocumentId() == null) {
            throw ProblemException.invalidField("replacedByDocumentId", "is required when the reason is REPLACED");
        }
        if (r.replacedByDocumentId() != null) {
            references.requireReplacement(d, r.replacedByDocumentId());
        }
        LocalDate today = orgUnits.today();
        LocalDate on = r.withdrawnOn() == null ? today : r.withdrawnOn();
        if (on.isBefore(v.validFrom)) {
            throw ProblemException.invalidField("withdrawnOn", "cannot be before the version came into force (" + v.validFrom + ")");
        }
        references.requireNoDependentsInForce(d);
        Instant now = clock.instant();
        v.withdraw(on, r.reason(), r.replacedByDocumentId());
        d.status = Document.Status.WITHDRAWN;
        d.inForceVersion = null;
        d.nextReviewDate = null;
        touch(d, null);
        versions.flush();
        outbox.publish(new DocumentWithdrawnV1(d.id, d.type, v.number, v.id, r.reason(), r.replacedByDocumentId(), on,
                sorted(v.orgUnitIds), now));
        coverage.refresh();
        return flushed(v);
    }

    /** The owner confirms the version in force is still current: the review is done without a new version. */
    @Transactional
    public DocumentVersion confirmReview(UUID id, String ifMatch, ReviewRequest r) {
        Document d = editable(id, ifMatch);
        DocumentVersion v = versions.find(d.id, d.requireInForce()).orElseThrow();
        LocalDate today = orgUnits.today();
        if (r.reviewedOn().isAfter(today)) {
            throw ProblemException.invalidField("reviewedOn", "cannot be after today (" + today + ")");
        }
        if (r.reviewedOn().isBefore(v.decidedOn)) {
            throw ProblemException.invalidField("reviewedOn", "cannot be before the version was decided (" + v.decidedOn + ")");
        }
        LocalDate next = r.nextReviewDate() != null ? r.nextReviewDate()
                : ReviewSchedule.next(r.reviewedOn(), v.reviewInterval, v.reviewIntervalMonths);
        if (next != null && !next.isAfter(r.reviewedOn())) {
            throw ProblemException.invalidField("nextReviewDate", "must be after reviewedOn");
        }
        LocalDate previous = d.nextReviewDate;
        d.lastReviewedOn = r.reviewedOn();
        d.nextReviewDate = next;
        touch(d, null);
        outbox.publish(new DocumentReviewedV1(d.id, d.type, v.number, r.reviewedOn(), previous, next, clock.instant()));
        return v;
    }

    // ------------------------------------------------------------------ activities (processes)

    @Transactional
    public DocumentVersion addActivity(UUID id, String ifMatch, ActivityRequest r) {
        DocumentVersion v = processDraft(id, ifMatch);
        if (v.activities.size() >= 500) {
            throw ProblemException.conflict("too-many-activities", "A process has at most 500 activities");
        }
        references.requireFreeOfPersonalIdentityNumbers(Map.of("name", r.name(), "description", nullToEmpty(r.description())));
        ProcessActivity a = new ProcessActivity();
        a.id = UUID.randomUUID();
        a.version = v;
        a.activityId = UUID.randomUUID();
        a.name = r.name().strip();
        a.description = blankToNull(r.description());
        int at = r.position() == null ? v.activities.size() : Math.min(r.position() - 1, v.activities.size());
        v.activities.add(at, a);
        v.renumberActivities();
        return changedDraft(v);
    }

    @Transactional
    public DocumentVersion updateActivity(UUID id, UUID activityId, String ifMatch, ActivityRequest r) {
        DocumentVersion v = processDraft(id, ifMatch);
        ProcessActivity a = activity(v, activityId);
        references.requireFreeOfPersonalIdentityNumbers(Map.of("name", r.name(), "description", nullToEmpty(r.description())));
        a.name = r.name().strip();
        a.description = blankToNull(r.description());
        if (r.position() != null) {
            v.activities.remove(a);
            v.activities.add(Math.min(r.position() - 1, v.activities.size()), a);
            v.renumberActivities();
        }
        return changedDraft(v);
    }

    @Transactional
    public DocumentVersion removeActivity(UUID id, UUID activityId, String ifMatch) {
        DocumentVersion v = processDraft(id, ifMatch);
        ProcessActivity a = activity(v, activityId);
        references.requireActivityUnused(id, activityId);
        v.activities.remove(a);
        v.renumberActivities();
        return changedDraft(v);
    }

    /** Puts the activities of the draft in a new order; the list must name each of them once. */
    @Transactional
    public DocumentVersion reorderActivities(UUID id, String ifMatch, List<UUID> order) {
        DocumentVersion v = processDraft(id, ifMatch);
        Set<UUID> current = v.activities.stream().map(a -> a.activityId).collect(Collectors.toSet());
        if (order.size() != current.size() || !current.equals(new HashSet<>(order)) || new HashSet<>(order).size() != order.size()) {
            throw ProblemException.invalidField("activityIds", "must list every activity of the draft exactly once")
                    .with("activityIds", v.activities.stream().map(a -> a.activityId).toList());
        }
        v.activities.sort(java.util.Comparator.comparingInt(a -> order.indexOf(a.activityId)));
        v.renumberActivities();
        return changedDraft(v);
    }

    // ------------------------------------------------------------------ internals

    private DocumentVersion processDraft(UUID id, String ifMatch) {
        Document d = editable(id, ifMatch);
        if (d.type != DocumentType.PROCESS) {
            throw ProblemException.conflict("not-a-process", "Only processes have activities").with("type", d.type);
        }
        DocumentVersion v = working(d);
        v.requireEditable();
        return v;
    }

    private DocumentVersion changedDraft(DocumentVersion v) {
        v.refreshSearchText();
        Document d = documents.findById(v.documentId);
        touch(d, v);
        return flushed(v);
    }

    private static ProcessActivity activity(DocumentVersion v, UUID activityId) {
        return v.activities.stream().filter(a -> a.activityId.equals(activityId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Activity " + activityId + " of the draft"));
    }

    /** The document, after the ETag and the caller's right to edit it are checked. */
    private Document editable(UUID id, String ifMatch) {
        Document d = documents.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Document " + id));
        access.requireEdit(d);
        ETags.requireMatch(ifMatch, d.version);
        return d;
    }

    private DocumentVersion working(Document d) {
        return versions.find(d.id, d.requireWorkingVersion()).orElseThrow();
    }

    /** Validates and copies a request onto a draft (type rules 400, unknown references 422). */
    private void apply(Document d, DocumentVersion v, DocumentRequest r) {
        references.validate(d.type, r, v.activities);
        v.title = r.title().strip();
        v.summary = blankToNull(r.summary());
        v.content = blankToNull(r.content());
        v.processCategory = r.processCategory();
        v.startPoint = blankToNull(r.startPoint());
        v.endPoint = blankToNull(r.endPoint());
        v.requiresCooperation = Boolean.TRUE.equals(r.requiresCooperation()) || d.type == DocumentType.COOPERATION_AGREEMENT;
        v.processId = r.processId();
        v.activityId = r.activityId();
        v.routineId = r.routineId();
        if (v.activityId != null && v.processId == null) {
            v.processId = references.processOf(v.activityId);
        }
        v.ownerOrgUnitId = r.ownerOrgUnitId();
        v.ownerRole = blankToNull(r.ownerRole());
        v.reviewInterval = r.reviewInterval();
        v.reviewIntervalMonths = r.reviewInterval() == ReviewInterval.MONTHS ? r.reviewIntervalMonths() : null;
        VerksamhetService.replaceAll(v.orgUnitIds, new LinkedHashSet<>(r.orgUnitIds()));
        VerksamhetService.replaceAll(v.verksamhetIds, new LinkedHashSet<>(orEmpty(r.verksamhetIds())));
        VerksamhetService.replaceAll(v.partnerIds, new LinkedHashSet<>(orEmpty(r.cooperationPartnerIds())));
        v.requirements.clear();
        orEmpty(r.requirements()).forEach(l -> v.requirements.add(
                new RequirementLink(l.requirementItemId(), l.followUpMethod(), blankToNull(l.responsible()))));
        v.responsibilities.clear();
        orEmpty(r.responsibilities()).forEach(l -> v.responsibilities.add(
                new Responsibility(l.task().strip(), blankToNull(l.responsibleRole()), l.responsibleOrgUnitId())));
        v.checklistItems.clear();
        orEmpty(r.checklistItems()).forEach(i -> v.checklistItems.add(i.strip()));
        v.refreshSearchText();
    }

    private void touch(Document d, DocumentVersion v) {
        Instant now = clock.instant();
        d.updatedAt = now;
        d.updatedBy = who();
        if (v != null) {
            v.updatedAt = now;
            v.updatedBy = who();
            if (d.inForceVersion == null) {
                d.ownerOrgUnitId = v.ownerOrgUnitId;
            }
        }
    }

    private DocumentVersion flushed(DocumentVersion v) {
        // flush so the response carries the document's new version (ETag)
        documents.flush();
        return v;
    }

    private String who() {
        return caller.isAuthenticated() ? caller.subject() : "system";
    }

    static List<UUID> sorted(Set<UUID> ids) {
        return ids.stream().sorted().toList();
    }

    static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
