package se.kvalitet.registry.document;

import static se.kvalitet.registry.domain.FreeText.requireFreeOfPersonalIdentityNumbers;
import static se.kvalitet.registry.domain.Values.blankToNull;
import static se.kvalitet.registry.domain.Values.nullToEmpty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.events.registry.DocumentReviewedV1;
import se.kvalitet.events.registry.DocumentSupersededV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.WithdrawalReason;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.registry.document.DocumentCommands.ApproveCommand;
import se.kvalitet.registry.document.DocumentCommands.ReviewCommand;
import se.kvalitet.registry.document.DocumentCommands.WithdrawCommand;
import se.kvalitet.registry.document.DocumentVersion.Status;
import se.kvalitet.registry.domain.CoverageInputsChanged;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * The lifecycle of a document's versions (SOSFS 2011:9 6 kap.): submit for review, return to
 * draft, approve (fastställa; supersedes the version in force), withdraw (upphäva) and confirm a
 * review without changes. Each use case is one transaction; the events go through the outbox and
 * coverage is refreshed in the same transaction.
 */
@ApplicationScoped
public class DocumentLifecycleService {

    @Inject
    ApprovalChecks approvalChecks;

    @Inject
    DocumentVersionRepository versions;

    @Inject
    DocumentReferences references;

    @Inject
    DocumentEvents events;

    @Inject
    Event<CoverageInputsChanged> coverageInputs;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    DocumentEditing editing;

    @Inject
    StepTime time;

    @Transactional
    public DocumentVersion submit(UUID id, String ifMatch) {
        Document d = editing.editable(id, ifMatch);
        DocumentVersion v = editing.working(d);
        v.moveTo(Status.IN_REVIEW);
        editing.touch(d, v);
        return editing.flushed(v);
    }

    @Transactional
    public DocumentVersion returnToDraft(UUID id, String ifMatch) {
        Document d = editing.editable(id, ifMatch);
        DocumentVersion v = editing.working(d);
        v.moveTo(Status.DRAFT);
        editing.touch(d, v);
        return editing.flushed(v);
    }

    /**
     * Records the decision approving the version in review: it becomes the immutable version in
     * force from {@code validFrom}, the previous version is superseded, and the next review is
     * scheduled. Publishes document.approved (and document.superseded) and refreshes coverage.
     */
    @Transactional
    public DocumentVersion approve(UUID id, String ifMatch, ApproveCommand r) {
        Document d = editing.editable(id, ifMatch);
        DocumentVersion v = editing.working(d);
        if (v.status != Status.IN_REVIEW) {
            throw ProblemException.conflict(
                            "invalid-transition", "Only a version in review is approved; submit the draft first")
                    .with("currentState", v.status)
                    .with("allowed", v.status.next());
        }
        LocalDate today = time.today();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.decidedOn().isAfter(today)) {
            errors.add(new Problem.FieldError("decidedOn", "cannot be after today (" + today + ")"));
        }
        LocalDate validFrom = r.validFrom() == null ? r.decidedOn() : r.validFrom();
        if (validFrom.isBefore(r.decidedOn())) {
            errors.add(new Problem.FieldError("validFrom", "cannot be before decidedOn"));
        }
        LocalDate review = r.nextReviewDate() != null
                ? r.nextReviewDate()
                : ReviewSchedule.next(validFrom, v.reviewInterval, v.reviewIntervalMonths);
        if (review != null && !review.isAfter(validFrom)) {
            errors.add(new Problem.FieldError("nextReviewDate", "must be after validFrom"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", "The decision's dates do not fit", errors);
        }
        requireFreeOfPersonalIdentityNumbers(Map.of("diarienummer", nullToEmpty(r.diarienummer())));
        if (r.decisionOrgUnitId() != null) {
            references.requireActiveUnits("decisionOrgUnitId", List.of(r.decisionOrgUnitId()), today);
        }
        approvalChecks.requireComplete(d, v, today);
        DocumentVersion previous = d.inForceVersion == null
                ? null
                : versions.find(d.id, d.inForceVersion).orElseThrow();
        if (previous != null && d.type == DocumentType.PROCESS) {
            approvalChecks.requireActivitiesKept(d.id, previous, v);
        }
        Instant now = time.now();
        v.approve(
                r.decidedBy(),
                r.decisionOrgUnitId(),
                r.decidedOn(),
                blankToNull(r.diarienummer()),
                validFrom,
                review,
                now,
                editing.who());
        v.updatedAt = clock.instant();
        v.updatedBy = editing.who();
        if (previous != null) {
            previous.supersede(validFrom);
        }
        d.status = Document.Status.IN_FORCE;
        d.inForceVersion = v.number;
        d.workingVersion = null;
        d.ownerOrgUnitId = v.ownerOrgUnitId;
        d.nextReviewDate = review;
        d.lastReviewedOn = r.decidedOn();
        editing.touch(d, null);
        versions.flush();
        outbox.publish(events.approved(d, v, previous));
        if (previous != null) {
            outbox.publish(new DocumentSupersededV1(
                    d.id,
                    d.type,
                    previous.number,
                    previous.id,
                    v.number,
                    validFrom,
                    DocumentEditing.sorted(previous.orgUnitIds),
                    now));
        }
        java.util.Set<UUID> touched = new java.util.HashSet<>(v.orgUnitIds);
        if (previous != null) {
            touched.addAll(previous.orgUnitIds);
        }
        coverageInputs.fire(CoverageInputsChanged.documentsOf(touched));
        return editing.flushed(v);
    }

    /** Withdraws the document in force (upphäva) from a day; a draft must be discarded first. */
    @Transactional
    public DocumentVersion withdraw(UUID id, String ifMatch, WithdrawCommand r) {
        Document d = editing.editable(id, ifMatch);
        if (d.workingVersion != null) {
            throw ProblemException.conflict("draft-exists", "Discard the draft before withdrawing the document")
                    .with("workingVersion", d.workingVersion);
        }
        DocumentVersion v = versions.find(d.id, d.requireInForce()).orElseThrow();
        if (r.reason() == WithdrawalReason.REPLACED && r.replacedByDocumentId() == null) {
            throw ProblemException.invalidField("replacedByDocumentId", "is required when the reason is REPLACED");
        }
        if (r.replacedByDocumentId() != null) {
            approvalChecks.requireReplacement(d, r.replacedByDocumentId());
        }
        LocalDate today = time.today();
        LocalDate on = r.withdrawnOn() == null ? today : r.withdrawnOn();
        if (on.isBefore(v.validFrom)) {
            throw ProblemException.invalidField(
                    "withdrawnOn", "cannot be before the version came into force (" + v.validFrom + ")");
        }
        approvalChecks.requireNoDependentsInForce(d);
        Instant now = time.now();
        v.withdraw(on, r.reason(), r.replacedByDocumentId());
        d.status = Document.Status.WITHDRAWN;
        d.inForceVersion = null;
        d.nextReviewDate = null;
        editing.touch(d, null);
        versions.flush();
        outbox.publish(new DocumentWithdrawnV1(
                d.id,
                d.type,
                v.number,
                v.id,
                r.reason(),
                r.replacedByDocumentId(),
                on,
                DocumentEditing.sorted(v.orgUnitIds),
                now));
        coverageInputs.fire(CoverageInputsChanged.documentsOf(v.orgUnitIds));
        return editing.flushed(v);
    }

    /** The owner confirms the version in force is still current: the review is done without a new version. */
    @Transactional
    public DocumentVersion confirmReview(UUID id, String ifMatch, ReviewCommand r) {
        Document d = editing.editable(id, ifMatch);
        DocumentVersion v = versions.find(d.id, d.requireInForce()).orElseThrow();
        LocalDate today = time.today();
        if (r.reviewedOn().isAfter(today)) {
            throw ProblemException.invalidField("reviewedOn", "cannot be after today (" + today + ")");
        }
        if (r.reviewedOn().isBefore(v.decidedOn)) {
            throw ProblemException.invalidField(
                    "reviewedOn", "cannot be before the version was decided (" + v.decidedOn + ")");
        }
        LocalDate next = r.nextReviewDate() != null
                ? r.nextReviewDate()
                : ReviewSchedule.next(r.reviewedOn(), v.reviewInterval, v.reviewIntervalMonths);
        if (next != null && !next.isAfter(r.reviewedOn())) {
            throw ProblemException.invalidField("nextReviewDate", "must be after reviewedOn");
        }
        LocalDate previous = d.nextReviewDate;
        d.lastReviewedOn = r.reviewedOn();
        d.nextReviewDate = next;
        editing.touch(d, null);
        // the review history answers "due or overdue as of a day" (DocumentQueries.reviews with asOf)
        em.createNativeQuery("""
                        INSERT INTO document_review_history (document_id, version_number, reviewed_on, next_review_date, recorded_at)
                        VALUES (:document, :version, :on, :next, :at)
                        ON CONFLICT (document_id, version_number, reviewed_on)
                        DO UPDATE SET next_review_date = excluded.next_review_date, recorded_at = excluded.recorded_at""")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("document", d.id)
                .setParameter("version", v.number)
                .setParameter("on", r.reviewedOn())
                .setParameter("next", next, LocalDate.class)
                .setParameter("at", clock.instant(), Instant.class)
                .executeUpdate();
        outbox.publish(new DocumentReviewedV1(d.id, d.type, v.number, r.reviewedOn(), previous, next, time.now()));
        return v;
    }
}
