package se.kvalitet.registry.document;

import static se.kvalitet.registry.domain.Values.blankToNull;
import static se.kvalitet.registry.domain.Values.orEmpty;
import static se.kvalitet.registry.domain.Values.replaceAll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.registry.document.DocumentCommands.DocumentCommand;
import se.kvalitet.registry.document.DocumentVersion.Status;
import se.kvalitet.web.ProblemException;

/**
 * The drafts of steering documents: create (draft v1), replace the draft, discard it, start a
 * revision from the version in force. One use case per method, each one transaction. Every change
 * needs the document's ETag in If-Match and an editor (see {@link DocumentAccess}); the version
 * lifecycle is {@link DocumentLifecycleService}, a process's activities {@link ProcessActivityService}.
 */
@ApplicationScoped
public class DocumentService {

    @Inject
    DocumentEditing editing;

    @Inject
    DocumentRepository documents;

    @Inject
    DocumentVersionRepository versions;

    @Inject
    DocumentReferences references;

    @Inject
    DocumentEvents events;

    @Inject
    DocumentAccess access;

    @Inject
    Clock clock;

    @Transactional
    public DocumentVersion create(DocumentCommand r) {
        return create(null, r);
    }

    /** With a fixed id (demo data); {@code id} null draws one. */
    @Transactional
    public DocumentVersion create(UUID id, DocumentCommand r) {
        if (r.type() == null) {
            throw ProblemException.invalidField("type", "is required when creating a document");
        }
        if (id != null && documents.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("document-exists", "A document with this id exists")
                    .with("documentId", id);
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
        d.createdBy = editing.who();
        DocumentVersion v = new DocumentVersion();
        v.id = UUID.randomUUID();
        v.documentId = d.id;
        v.number = 1;
        v.status = Status.DRAFT;
        v.createdAt = now;
        v.createdBy = editing.who();
        apply(d, v, r);
        editing.touch(d, v);
        documents.persist(d);
        versions.persist(v);
        return v;
    }

    /** Replaces the whole content of the draft. */
    @Transactional
    public DocumentVersion replaceDraft(UUID id, String ifMatch, DocumentCommand r) {
        Document d = editing.editable(id, ifMatch);
        if (r.type() != null && r.type() != d.type) {
            throw ProblemException.invalidField("type", "is " + d.type + " and cannot change");
        }
        DocumentVersion v = editing.working(d);
        v.requireEditable();
        if (!r.ownerOrgUnitId().equals(v.ownerOrgUnitId)) {
            access.requireOwnerUnit(r.ownerOrgUnitId());
        }
        access.requireApplicableUnits(r.orgUnitIds(), v.orgUnitIds);
        apply(d, v, r);
        editing.touch(d, v);
        return editing.flushed(v);
    }

    /** Throws the draft (or version in review) away; a document never approved goes with it. */
    @Transactional
    public boolean discardDraft(UUID id, String ifMatch) {
        Document d = editing.editable(id, ifMatch);
        DocumentVersion v = editing.working(d);
        versions.delete(v);
        d.workingVersion = null;
        d.latestVersion = v.number - 1;
        if (d.inForceVersion == null && d.status == Document.Status.NOT_APPROVED) {
            documents.delete(d);
            return true;
        }
        editing.touch(d, null);
        return false;
    }

    /**
     * A new draft from the version in force (revidering); the version in force stays in force until the draft is
     * approved. A withdrawn document is revised from its withdrawn version: approving the draft puts the document in
     * force again from the new version's validFrom (the withdrawn version keeps its dates, so "as of" a day between
     * the withdrawal and the new approval nothing of it is in force).
     */
    @Transactional
    public DocumentVersion startRevision(UUID id, String ifMatch) {
        Document d = editing.editable(id, ifMatch);
        if (d.workingVersion != null) {
            throw ProblemException.conflict("draft-exists", "The document already has a draft or a version in review")
                    .with("workingVersion", d.workingVersion);
        }
        int base = d.inForceVersion == null && d.status == Document.Status.WITHDRAWN
                ? d.latestVersion
                : d.requireInForce();
        DocumentVersion current = versions.find(d.id, base).orElseThrow();
        DocumentVersion next = current.revision(d.latestVersion + 1, clock.instant(), editing.who());
        d.latestVersion = next.number;
        d.workingVersion = next.number;
        versions.persist(next);
        editing.touch(d, next);
        return editing.flushed(next);
    }

    // ------------------------------------------------------------------ activities (processes)

    // ------------------------------------------------------------------ internals

    /** Validates and copies a request onto a draft (type rules 400, unknown references 422). */
    private void apply(Document d, DocumentVersion v, DocumentCommand r) {
        references.validate(d.type, r, v.activities);
        v.title = r.title().strip();
        v.summary = blankToNull(r.summary());
        v.content = blankToNull(r.content());
        v.processCategory = r.processCategory();
        v.startPoint = blankToNull(r.startPoint());
        v.endPoint = blankToNull(r.endPoint());
        v.requiresCooperation =
                Boolean.TRUE.equals(r.requiresCooperation()) || d.type == DocumentType.COOPERATION_AGREEMENT;
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
        replaceAll(v.orgUnitIds, new LinkedHashSet<>(r.orgUnitIds()));
        replaceAll(v.verksamhetIds, new LinkedHashSet<>(orEmpty(r.verksamhetIds())));
        replaceAll(v.partnerIds, new LinkedHashSet<>(orEmpty(r.cooperationPartnerIds())));
        v.requirements.clear();
        orEmpty(r.requirements())
                .forEach(l -> v.requirements.add(
                        new RequirementLink(l.requirementItemId(), l.followUpMethod(), blankToNull(l.responsible()))));
        v.responsibilities.clear();
        orEmpty(r.responsibilities())
                .forEach(l -> v.responsibilities.add(new Responsibility(
                        l.task().strip(), blankToNull(l.responsibleRole()), l.responsibleOrgUnitId())));
        v.checklistItems.clear();
        orEmpty(r.checklistItems()).forEach(i -> v.checklistItems.add(i.strip()));
        v.refreshSearchText();
    }
}
