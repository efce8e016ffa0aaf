package se.kvalitet.registry.document;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

/** Request and response bodies of the steering documents API (styrdokument). */
public final class DocumentDtos {

    public static final int MAX_CONTENT = 100_000;

    private DocumentDtos() {}

    @Schema(
            name = "RequirementLinkRequest",
            description = "A requirement item the document satisfies (seed 002: krav → rutin → uppföljning → ansvar)")
    public record RequirementLinkRequest(
            @NotNull @Schema(example = "00000000-0000-4000-b001-000000040004")
            UUID requirementItemId,

            @Schema(description = "How it is followed up") FollowUpMethod followUpMethod,

            @Size(max = 200) @Schema(description = "The role answering for the follow-up", example = "Enhetschef")
            String responsible) {

        public DocumentCommands.RequirementLinkCommand toCommand() {
            return new DocumentCommands.RequirementLinkCommand(requirementItemId, followUpMethod, responsible);
        }
    }

    @Schema(
            name = "ResponsibilityRequest",
            description = "One line of a routine's responsibility allocation (ansvarsfördelning)")
    public record ResponsibilityRequest(
            @NotBlank @Size(max = 500) @Schema(example = "Dokumenterar händelsen i journalen samma dag")
            String task,

            @Size(max = 200) @Schema(example = "Handläggare")
            String responsibleRole,

            @Schema(description = "The unit responsible, where a unit rather than a role is")
            UUID responsibleOrgUnitId) {

        public DocumentCommands.ResponsibilityCommand toCommand() {
            return new DocumentCommands.ResponsibilityCommand(task, responsibleRole, responsibleOrgUnitId);
        }
    }

    @Schema(
            name = "DocumentRequest",
            description = "A new document (with type) or the full new state of its draft. Which fields a "
                    + "type takes: PROCESS processCategory, startPoint, endPoint, requiresCooperation (activities are a sub-resource); "
                    + "ROUTINE processId + activityId (optional), responsibilities; GUIDELINE processId; CHECKLIST checklistItems and "
                    + "processId/activityId/routineId; COOPERATION_AGREEMENT cooperationPartnerIds. A draft may be incomplete; approval "
                    + "checks what the type needs.")
    public record DocumentRequest(
            @Schema(description = "Required when creating; when replacing a draft it must be the document's type")
            DocumentType type,

            @NotBlank @Size(max = 200) @Schema(example = "Rutin för överföring av information vid utskrivning")
            String title,

            @Size(max = 2000) @Schema(description = "A process's purpose (syfte), else the scope")
            String summary,

            @Size(max = MAX_CONTENT)
            @Schema(description = "The text in Markdown: a routine's procedure (tillvägagångssätt)")
            String content,

            @Schema(description = "PROCESS: CORE (kärnprocess), SUPPORT (stödprocess), MANAGEMENT (ledningsprocess)")
            ProcessCategory processCategory,

            @Size(max = 500) @Schema(description = "PROCESS: where it starts")
            String startPoint,

            @Size(max = 500) @Schema(description = "PROCESS: where it ends")
            String endPoint,

            @Schema(
                    description =
                            "PROCESS: needs samverkan (SOSFS 2011:9 4 kap. 5 §); then partners are required at approval")
            Boolean requiresCooperation,

            @Schema(description = "The process it belongs to")
            UUID processId,

            @Schema(description = "ROUTINE/CHECKLIST: the activity of that process")
            UUID activityId,

            @Schema(description = "CHECKLIST: the routine it belongs to")
            UUID routineId,

            @NotNull @Schema(description = "The unit whose manager owns it (dokumentägare)")
            UUID ownerOrgUnitId,

            @Size(max = 100) @Schema(description = "The owning role (not a person)", example = "Avdelningschef")
            String ownerRole,

            @NotNull
            @Size(max = 200)
            @Schema(description = "Units it applies to (and the units under them); at least one at approval")
            List<@NotNull UUID> orgUnitIds,

            @Size(max = 50) List<@NotNull UUID> verksamhetIds,
            @Size(max = 100) List<@NotNull @Valid RequirementLinkRequest> requirements,
            @Size(max = 100) List<@NotNull @Valid ResponsibilityRequest> responsibilities,
            @Size(max = 200) List<@NotBlank @Size(max = 1000) String> checklistItems,
            @Size(max = 50) List<@NotNull UUID> cooperationPartnerIds,

            @NotNull
            @Schema(description = "YEARLY (årligen), EVERY_SECOND_YEAR (vartannat år), ON_DEMAND (vid behov), MONTHS")
            ReviewInterval reviewInterval,

            @Min(1) @Max(120) @Schema(description = "With MONTHS: the number of months")
            Integer reviewIntervalMonths) {

        public DocumentCommands.DocumentCommand toCommand() {
            return new DocumentCommands.DocumentCommand(
                    type,
                    title,
                    summary,
                    content,
                    processCategory,
                    startPoint,
                    endPoint,
                    requiresCooperation,
                    processId,
                    activityId,
                    routineId,
                    ownerOrgUnitId,
                    ownerRole,
                    orgUnitIds,
                    verksamhetIds,
                    requirements == null
                            ? null
                            : requirements.stream()
                                    .map(RequirementLinkRequest::toCommand)
                                    .toList(),
                    responsibilities == null
                            ? null
                            : responsibilities.stream()
                                    .map(ResponsibilityRequest::toCommand)
                                    .toList(),
                    checklistItems,
                    cooperationPartnerIds,
                    reviewInterval,
                    reviewIntervalMonths);
        }
    }

    @Schema(name = "ApproveDocument", description = "The decision that approves the version in review (fastställande)")
    public record ApproveRequest(
            @NotNull @Schema(description = "Which body decided (beslutsinstans)")
            DecisionBody decidedBy,

            @Schema(description = "The unit of that body, e.g. the nämnd or the department")
            UUID decisionOrgUnitId,

            @NotNull @Schema(description = "Date of the decision")
            LocalDate decidedOn,

            @Size(max = 60) @Schema(example = "SN 2026/123-1")
            String diarienummer,

            @Schema(description = "First day in force; default decidedOn")
            LocalDate validFrom,

            @Schema(description = "Next review; default validFrom plus the review interval")
            LocalDate nextReviewDate) {

        public DocumentCommands.ApproveCommand toCommand() {
            return new DocumentCommands.ApproveCommand(
                    decidedBy, decisionOrgUnitId, decidedOn, diarienummer, validFrom, nextReviewDate);
        }
    }

    @Schema(name = "WithdrawDocument", description = "Withdraw the document in force (upphäva)")
    public record WithdrawRequest(
            @NotNull WithdrawalReason reason,

            @Schema(description = "With REPLACED: the document in force that replaces it")
            UUID replacedByDocumentId,

            @Schema(description = "First day it no longer applies; default today")
            LocalDate withdrawnOn) {

        public DocumentCommands.WithdrawCommand toCommand() {
            return new DocumentCommands.WithdrawCommand(reason, replacedByDocumentId, withdrawnOn);
        }
    }

    @Schema(name = "ConfirmReview", description = "The version in force was reviewed and is still current (no changes)")
    public record ReviewRequest(
            @NotNull @Schema(description = "Day of the review")
            LocalDate reviewedOn,

            @Schema(description = "Next review; default reviewedOn plus the review interval")
            LocalDate nextReviewDate) {

        public DocumentCommands.ReviewCommand toCommand() {
            return new DocumentCommands.ReviewCommand(reviewedOn, nextReviewDate);
        }
    }

    @Schema(name = "ActivityRequest", description = "An activity of a process (aktivitet)")
    public record ActivityRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Utreda behov")
            String name,

            @Size(max = 4000) String description,

            @Min(1) @Max(500) @Schema(description = "Where to put it, from 1; default last (only when adding)")
            Integer position) {

        public DocumentCommands.ActivityCommand toCommand() {
            return new DocumentCommands.ActivityCommand(name, description, position);
        }
    }

    @Schema(name = "ActivityOrder", description = "Every activity of the draft, in the new order")
    public record ActivityOrderRequest(
            @NotEmpty @Size(max = 500) List<@NotNull UUID> activityIds) {}
}
