package se.kvalitet.registry.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;

/**
 * What every write of a document shares: the editable document after the ETag and the caller's
 * right are checked, its working version, the audit stamp, and the flush that makes the response
 * carry the new ETag.
 */
@ApplicationScoped
public class DocumentEditing {

    @Inject
    DocumentRepository documents;

    @Inject
    DocumentVersionRepository versions;

    @Inject
    DocumentAccess access;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    DocumentVersion changedDraft(DocumentVersion v) {
        v.refreshSearchText();
        Document d = documents.findById(v.documentId);
        touch(d, v);
        return flushed(v);
    }

    /** The document, after the ETag and the caller's right to edit it are checked. */
    Document editable(UUID id, String ifMatch) {
        Document d = documents.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Document " + id));
        access.requireEdit(d);
        ETags.requireMatch(ifMatch, d.version);
        return d;
    }

    DocumentVersion working(Document d) {
        return versions.find(d.id, d.requireWorkingVersion()).orElseThrow();
    }

    void touch(Document d, DocumentVersion v) {
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

    DocumentVersion flushed(DocumentVersion v) {
        // flush so the response carries the document's new version (ETag)
        documents.flush();
        return v;
    }

    String who() {
        return caller.isAuthenticated() ? caller.subject() : "system";
    }

    static List<UUID> sorted(Set<UUID> ids) {
        return ids.stream().sorted().toList();
    }
}
