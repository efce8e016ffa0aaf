package se.kvalitet.registry.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.web.ProblemException;

/**
 * A steering document's identity (styrdokument: process, routine, guideline, checklist,
 * cooperation agreement). What it says is in its numbered {@link DocumentVersion}s: at most one
 * version in force (approved) and at most one working version (draft or in review) at a time.
 * The {@link #version} column is the ETag every change must send in If-Match.
 */
@Entity
@Table(name = "document")
public class Document {

    /** Where the document as a whole stands. */
    public enum Status {
        /** Only a working version so far: readable by its editors only. */
        NOT_APPROVED,
        /** An approved version is in force and readable by all staff. */
        IN_FORCE,
        /** Withdrawn (upphävd): no version is in force; its history stays readable. */
        WITHDRAWN
    }

    @Id
    public UUID id;

    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public DocumentType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    /** Number of the approved version in force; null when none. */
    @Column(name = "in_force_version")
    public Integer inForceVersion;

    /** Number of the draft or in-review version; null when none. */
    @Column(name = "working_version")
    public Integer workingVersion;

    @Column(name = "latest_version", nullable = false)
    public int latestVersion;

    @Column(name = "owner_org_unit_id")
    public UUID ownerOrgUnitId;

    /** When the version in force is next due for review (moves with approvals and confirmed reviews). */
    @Column(name = "next_review_date")
    public LocalDate nextReviewDate;

    @Column(name = "last_reviewed_on")
    public LocalDate lastReviewedOn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", length = 100)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", length = 100)
    public String updatedBy;

    /** The working version's number, or a 409 when there is none. */
    public int requireWorkingVersion() {
        if (workingVersion == null) {
            throw ProblemException.conflict(
                            "no-working-version",
                            "The document has no draft; start a revision of the version in force first")
                    .with("documentStatus", status);
        }
        return workingVersion;
    }

    /** The number of the version in force, or a 409 when there is none. */
    public int requireInForce() {
        if (inForceVersion == null) {
            throw ProblemException.conflict("not-in-force", "No version of the document is in force")
                    .with("documentStatus", status);
        }
        return inForceVersion;
    }
}
