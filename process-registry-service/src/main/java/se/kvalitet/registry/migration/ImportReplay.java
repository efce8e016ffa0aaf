package se.kvalitet.registry.migration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.registry.document.Document;
import se.kvalitet.registry.document.DocumentCommands.ActivityCommand;
import se.kvalitet.registry.document.DocumentCommands.ApproveCommand;
import se.kvalitet.registry.document.DocumentCommands.DocumentCommand;
import se.kvalitet.registry.document.DocumentCommands.RequirementLinkCommand;
import se.kvalitet.registry.document.DocumentCommands.ResponsibilityCommand;
import se.kvalitet.registry.document.DocumentCommands.ReviewCommand;
import se.kvalitet.registry.document.DocumentCommands.WithdrawCommand;
import se.kvalitet.registry.document.DocumentLifecycleService;
import se.kvalitet.registry.document.DocumentRepository;
import se.kvalitet.registry.document.DocumentService;
import se.kvalitet.registry.document.DocumentVersion;
import se.kvalitet.registry.document.DocumentVersionRepository;
import se.kvalitet.registry.document.ProcessActivity;
import se.kvalitet.registry.document.ProcessActivityService;
import se.kvalitet.registry.document.StepTime;
import se.kvalitet.registry.migration.DocumentImport.Candidate;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportRowStatus;

/**
 * Replays one import row through the live document services, each step on its own day ({@link StepTime#on}): the
 * document created (its first version) or a revision started (from the version in force, or from the withdrawn one),
 * the row's content, submit, approve with the row's decision, each review carried out without changes, and the
 * withdrawal. Runs in the caller's transaction (one per row): a live rule's refusal is a {@link ProblemException}
 * and the caller rolls the row back whole.
 */
@ApplicationScoped
class ImportReplay {

    /** Any ETag: the replay edits the document it has just read, in its own transaction. */
    private static final String ANY = "*";

    record Requirement(UUID itemId, FollowUpMethod method, String responsible) {}

    record Responsibility(String task, String role, UUID unit) {}

    /** The parsed parts of a row's list cells. */
    record Parts(List<Requirement> requirements, List<Responsibility> responsibilities) {}

    @Inject
    DocumentService documents;

    @Inject
    DocumentLifecycleService lifecycle;

    @Inject
    ProcessActivityService activities;

    @Inject
    DocumentRepository documentRepository;

    @Inject
    DocumentVersionRepository versionRepository;

    @Inject
    ImportRepositories.Documents documentRefs;

    @Inject
    ImportRepositories.Versions versionRefs;

    @Inject
    DocumentImport imports;

    @Inject
    Clock clock;

    /** The row's outcome when its reference was imported before (the same values or not); null when it was not. */
    DocumentImportRow importedBefore(UUID runId, Candidate c) {
        DocumentVersionMigration earlier = versionRefs.findById(c.versionKey());
        if (earlier == null) {
            return null;
        }
        if (!earlier.digest.equals(c.digest())) {
            return imports.rejected(
                    runId,
                    c.row(),
                    List.of(new FieldError(
                            "sourceId",
                            "was imported before (document " + earlier.documentId + " version "
                                    + earlier.versionNumber + ") with other values; a decided version does not "
                                    + "change: a new decision is a new version (a row of its own)")));
        }
        return outcome(runId, c, ImportRowStatus.ALREADY_IMPORTED, earlier.documentId, earlier.versionNumber);
    }

    DocumentImportRow replay(UUID runId, Candidate c) {
        DocumentImportRow before = importedBefore(runId, c);
        if (before != null) {
            return before;
        }
        ImportRow r = c.value();
        LocalDate decided = r.decidedOn();
        DocumentCommand command = command(r, c.parts());
        DocumentMigration known = documentRefs.findById(c.documentKey());
        UUID id;
        if (known == null) {
            DocumentVersion draft = StepTime.on(decided, () -> documents.create(command));
            id = draft.documentId;
            DocumentMigration ref = new DocumentMigration();
            ref.key = c.documentKey();
            ref.documentId = id;
            documentRefs.persist(ref);
            syncActivities(id, r.activities(), List.of());
        } else {
            id = known.documentId;
            Document d = documentRepository.findById(id);
            requireFollows(d, r);
            DocumentVersion draft = StepTime.on(decided, () -> documents.startRevision(id, ANY));
            List<ProcessActivity> kept = List.copyOf(draft.activities);
            StepTime.on(decided, () -> documents.replaceDraft(id, ANY, command));
            syncActivities(id, r.activities(), kept);
        }
        StepTime.on(decided, () -> lifecycle.submit(id, ANY));
        DocumentVersion approved = StepTime.on(
                decided,
                () -> lifecycle.approve(
                        id,
                        ANY,
                        new ApproveCommand(
                                r.decidedBy(),
                                r.decisionOrgUnitId(),
                                decided,
                                r.diarienummer(),
                                r.validFrom(),
                                r.nextReviewDate())));
        List<LocalDate> reviews = r.reviewedOn() == null ? List.of() : r.reviewedOn();
        for (int i = 0; i < reviews.size(); i++) {
            LocalDate on = reviews.get(i);
            LocalDate next = i == reviews.size() - 1 ? r.nextReviewDue() : null;
            try {
                StepTime.on(on, () -> lifecycle.confirmReview(id, ANY, new ReviewCommand(on, next)));
            } catch (ProblemException e) {
                throw renamed(e, "nextReviewDate", "nextReviewDue");
            }
        }
        if (r.withdrawnOn() != null) {
            StepTime.on(
                    r.withdrawnOn(),
                    () -> lifecycle.withdraw(
                            id,
                            ANY,
                            new WithdrawCommand(r.withdrawalReason(), r.replacedByDocumentId(), r.withdrawnOn())));
        }
        DocumentVersionMigration ref = new DocumentVersionMigration();
        ref.key = c.versionKey();
        ref.documentId = id;
        ref.versionNumber = approved.number;
        ref.versionId = approved.id;
        ref.importRunId = runId;
        ref.digest = c.digest();
        ref.importedAt = clock.instant();
        versionRefs.persist(ref);
        versionRefs.flush();
        return outcome(runId, c, ImportRowStatus.ACCEPTED, id, approved.number);
    }

    /**
     * A later version of a document imported before: the same type, decided on or after every step already recorded
     * on the document (its latest decision and review), and after its withdrawal when it was withdrawn.
     */
    private void requireFollows(Document d, ImportRow r) {
        if (d.type != r.type()) {
            throw ProblemException.invalidField("type", "this documentRef is a " + d.type);
        }
        if (d.workingVersion != null) {
            throw ProblemException.invalidField(
                    "documentRef",
                    "the document has a draft in the registry; a version is imported after it is decided");
        }
        DocumentVersion latest = versionRepository.find(d.id, d.latestVersion).orElseThrow();
        LocalDate last = latest.decidedOn;
        if (d.lastReviewedOn != null && (last == null || d.lastReviewedOn.isAfter(last))) {
            last = d.lastReviewedOn;
        }
        if (latest.withdrawnOn != null && (last == null || latest.withdrawnOn.isAfter(last))) {
            last = latest.withdrawnOn;
        }
        if (last != null && r.decidedOn().isBefore(last)) {
            throw ProblemException.invalidField(
                    "decidedOn",
                    "is before " + last + ", the last step recorded on version " + latest.number
                            + " of this document; a document's versions are imported in the order they were decided");
        }
        LocalDate from = r.validFrom() != null ? r.validFrom() : r.decidedOn();
        if (latest.validFrom != null && from.isBefore(latest.validFrom)) {
            throw ProblemException.invalidField(
                    "validFrom", "is before version " + latest.number + " came into force (" + latest.validFrom + ")");
        }
    }

    /** A process's activities: the row's names (kept where the version before had them, added where new). */
    private void syncActivities(UUID id, List<String> names, List<ProcessActivity> kept) {
        if (names == null) {
            return;
        }
        List<String> have = new ArrayList<>();
        for (ProcessActivity a : kept) {
            if (names.contains(a.name)) {
                have.add(a.name);
            } else {
                activities.removeActivity(id, a.activityId, ANY);
            }
        }
        for (String name : names) {
            if (!have.contains(name)) {
                activities.addActivity(id, ANY, new ActivityCommand(name, null, null));
                have.add(name);
            }
        }
    }

    private static DocumentCommand command(ImportRow r, Parts parts) {
        return new DocumentCommand(
                r.type(),
                r.title(),
                r.summary(),
                r.content(),
                r.processCategory(),
                r.startPoint(),
                r.endPoint(),
                r.requiresCooperation(),
                r.processId(),
                r.activityId(),
                r.routineId(),
                r.ownerOrgUnitId(),
                r.ownerRole(),
                r.orgUnitIds(),
                r.verksamhetIds(),
                parts.requirements().stream()
                        .map(q -> new RequirementLinkCommand(q.itemId(), q.method(), q.responsible()))
                        .toList(),
                parts.responsibilities().stream()
                        .map(q -> new ResponsibilityCommand(q.task(), q.role(), q.unit()))
                        .toList(),
                r.checklistItems(),
                r.cooperationPartnerIds(),
                r.reviewInterval(),
                r.reviewIntervalMonths());
    }

    private static ProblemException renamed(ProblemException e, String from, String to) {
        List<FieldError> errors = e.errors() == null
                ? List.of()
                : e.errors().stream()
                        .map(f -> f.field().equals(from) ? new FieldError(to, f.message()) : f)
                        .toList();
        return new ProblemException(e.status(), e.slug(), e.title(), e.getMessage(), errors);
    }

    private static DocumentImportRow outcome(
            UUID run, Candidate c, ImportRowStatus status, UUID document, Integer version) {
        DocumentImportRow r = new DocumentImportRow();
        r.key = new DocumentImportRow.Key(run, c.row());
        r.status = status.name();
        r.sourceSystem = c.value().sourceSystem();
        r.sourceId = c.value().sourceId();
        r.documentId = document;
        r.versionNumber = version;
        return r;
    }
}
