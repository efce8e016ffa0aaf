package se.kvalitet.registry.document;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.events.registry.ProcessCategory;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.WithdrawalReason;

/** What the document feature's application service is asked to do (the resource maps its request records to these). */
public final class DocumentCommands {

    private DocumentCommands() {}

    public record DocumentCommand(
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
            List<RequirementLinkCommand> requirements,
            List<ResponsibilityCommand> responsibilities,
            List<String> checklistItems,
            List<UUID> cooperationPartnerIds,
            ReviewInterval reviewInterval,
            Integer reviewIntervalMonths) {}

    public record RequirementLinkCommand(UUID requirementItemId, FollowUpMethod followUpMethod, String responsible) {}

    public record ResponsibilityCommand(String task, String responsibleRole, UUID responsibleOrgUnitId) {}

    public record ApproveCommand(
            DecisionBody decidedBy,
            UUID decisionOrgUnitId,
            LocalDate decidedOn,
            String diarienummer,
            LocalDate validFrom,
            LocalDate nextReviewDate) {}

    public record WithdrawCommand(WithdrawalReason reason, UUID replacedByDocumentId, LocalDate withdrawnOn) {}

    public record ReviewCommand(LocalDate reviewedOn, LocalDate nextReviewDate) {}

    public record ActivityCommand(String name, String description, Integer position) {}
}
