package se.kvalitet.registry.migration;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.ProcessCategory;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.WithdrawalReason;

/**
 * One row of a migration import: one decided version of a governing document, with its decision, the reviews
 * carried out on it without changes and, if it was withdrawn, its withdrawal. The versions of one document share
 * {@code documentRef}; a document's first row creates it, each later row is a revision of it. Read by Jackson from
 * an NDJSON object or a CSV row with the same column names (the README, "Moving in", lists them).
 */
public record ImportRow(
        String sourceSystem,
        String sourceId,
        String documentRef,
        DocumentType type,
        String title,
        String summary,
        String content,
        ProcessCategory processCategory,
        String startPoint,
        String endPoint,
        Boolean requiresCooperation,
        UUID processId,
        UUID activityId,
        UUID routineId,
        UUID ownerOrgUnitId,
        String ownerRole,
        List<UUID> orgUnitIds,
        List<UUID> verksamhetIds,
        List<String> requirements,
        List<String> responsibilities,
        List<String> checklistItems,
        List<String> activities,
        List<UUID> cooperationPartnerIds,
        ReviewInterval reviewInterval,
        Integer reviewIntervalMonths,
        DecisionBody decidedBy,
        UUID decisionOrgUnitId,
        LocalDate decidedOn,
        String diarienummer,
        LocalDate validFrom,
        LocalDate nextReviewDate,
        List<LocalDate> reviewedOn,
        LocalDate nextReviewDue,
        LocalDate withdrawnOn,
        WithdrawalReason withdrawalReason,
        UUID replacedByDocumentId) {

    /** The columns whose CSV cell holds a list, its elements separated by {@code |}. */
    static final Set<String> LIST_COLUMNS = Set.of(
            "orgUnitIds",
            "verksamhetIds",
            "requirements",
            "responsibilities",
            "checklistItems",
            "activities",
            "cooperationPartnerIds",
            "reviewedOn");

    /** Every column, in the record's order. */
    static final List<String> COLUMNS = java.util.Arrays.stream(ImportRow.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName)
            .toList();
}
