package se.kvalitet.registry.document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.events.registry.ProcessCategory;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.WithdrawalReason;

/** The document read models (what DocumentQueries returns; served as the response bodies). */
public final class DocumentViews {

    private DocumentViews() {}

    @Schema(name = "RequirementLink")
    public record RequirementLinkResponse(
            UUID requirementItemId,
            @Schema(example = "SOSFS 2011:9") String regulationCode,
            @Schema(example = "4 kap. 4 §") String reference,
            FollowUpMethod followUpMethod,
            String responsible) {}

    @Schema(name = "Responsibility")
    public record ResponsibilityResponse(String task, String responsibleRole, UUID responsibleOrgUnitId) {}

    @Schema(name = "Activity")
    public record ActivityResponse(
            @Schema(description = "Stable across versions") UUID activityId,
            int position,
            String name,
            String description) {}

    @Schema(name = "Decision", description = "Who approved the version, when, and under which diarienummer")
    public record DecisionResponse(
            DecisionBody decidedBy,
            UUID decisionOrgUnitId,
            LocalDate decidedOn,
            String diarienummer,
            LocalDate validFrom,
            Instant approvedAt) {}

    @Schema(name = "Document", description = "One version of a steering document (styrdokument)")
    public record DocumentResponse(
            UUID id,
            DocumentType type,

            @Schema(description = "NOT_APPROVED, IN_FORCE or WITHDRAWN")
            Document.Status documentStatus,

            @Schema(description = "The number of this version")
            int version,

            @Schema(description = "DRAFT, IN_REVIEW, APPROVED (in force), SUPERSEDED, WITHDRAWN")
            DocumentVersion.Status versionStatus,

            @Schema(description = "The number of the version in force, if any")
            Integer inForceVersion,

            @Schema(description = "The number of the draft or version in review, if any")
            Integer workingVersion,

            String title,
            String summary,
            @Schema(description = "Markdown") String content,
            ProcessCategory processCategory,
            String startPoint,
            String endPoint,
            boolean requiresCooperation,
            UUID processId,
            UUID activityId,
            UUID routineId,
            UUID ownerOrgUnitId,
            String ownerRole,
            List<UUID> orgUnitIds,
            List<UUID> verksamhetIds,
            List<UUID> cooperationPartnerIds,
            List<RequirementLinkResponse> requirements,
            List<ResponsibilityResponse> responsibilities,
            List<String> checklistItems,
            List<ActivityResponse> activities,
            ReviewInterval reviewInterval,
            Integer reviewIntervalMonths,

            @Schema(description = "For the version in force: the document's next review date")
            LocalDate nextReviewDate,

            LocalDate lastReviewedOn,
            DecisionResponse decision,
            LocalDate supersededOn,
            LocalDate withdrawnOn,
            WithdrawalReason withdrawalReason,
            UUID replacedByDocumentId,
            Instant createdAt,
            Instant updatedAt,

            @Schema(
                    description = "Where the version came from when the migration import brought it in; null for a "
                            + "version decided here")
            ProvenanceResponse provenance) {}

    @Schema(name = "DocumentVersionSummary", description = "One version in a document's history")
    public record VersionSummary(
            int version,
            DocumentVersion.Status status,
            String title,
            DecisionResponse decision,
            LocalDate supersededOn,
            LocalDate withdrawnOn,
            Instant createdAt,
            Instant updatedAt,

            @Schema(
                    description = "Where the version came from when the migration import brought it in; null for a "
                            + "version decided here")
            ProvenanceResponse provenance) {}

    @Schema(
            name = "DocumentVersionProvenance",
            description = "A version moved in by the migration import (POST /registry/v1/imports): its reference in "
                    + "the system it came from and the import run")
    public record ProvenanceResponse(
            @Schema(description = "The source system the row named")
            String sourceSystem,

            @Schema(description = "The row's id in its source system (one version)")
            String sourceId,

            @Schema(description = "The import run that brought it in (GET /registry/v1/imports/{id})")
            UUID importRunId) {}

    @Schema(
            name = "DocumentListItem",
            description = "A document in a list: its version in force, or its draft for editors")
    public record DocumentListItem(
            UUID id,
            DocumentType type,
            Document.Status documentStatus,
            int version,
            DocumentVersion.Status versionStatus,
            String title,
            ProcessCategory processCategory,
            UUID processId,
            UUID activityId,
            UUID ownerOrgUnitId,
            List<UUID> orgUnitIds,
            LocalDate validFrom,
            LocalDate nextReviewDate,
            Instant updatedAt) {}

    @Schema(name = "FieldChange", description = "A field that differs between two versions")
    public record FieldChange(String field, Object from, Object to) {}

    @Schema(
            name = "LineChange",
            description = "A line of the Markdown text: SAME, ADDED (only in the newer) or REMOVED (only in the older)")
    public record LineChange(String op, Integer fromLine, Integer toLine, String text) {}

    @Schema(
            name = "ActivityChange",
            description = "What happened to an activity: ADDED, REMOVED, RENAMED, MOVED, DESCRIBED")
    public record ActivityChange(
            UUID activityId,
            List<String> changes,
            Integer fromPosition,
            Integer toPosition,
            String fromName,
            String toName) {}

    @Schema(name = "DocumentDiff", description = "What changed between two versions of a document")
    public record DiffResponse(
            UUID id,
            int from,
            int to,
            List<FieldChange> fields,
            List<LineChange> content,
            @Schema(description = "Lines added and removed") int linesAdded,
            int linesRemoved,
            List<ActivityChange> activities,
            List<UUID> requirementsAdded,
            List<UUID> requirementsRemoved,
            List<UUID> orgUnitsAdded,
            List<UUID> orgUnitsRemoved) {}
}
