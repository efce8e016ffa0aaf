package se.kvalitet.registry.risk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.registry.MeasureKind;
import se.kvalitet.events.registry.MeasureStatus;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;

/** Request and response bodies of the risk analysis API (riskanalys, SOSFS 2011:9 5 kap. 1 §). */
public final class RiskDtos {

    private RiskDtos() {}

    @Schema(name = "RiskAnalysisRequest", description = "A risk analysis to create, or its full new header (replace)")
    public record AnalysisRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Riskanalys inför sammanslagning av hemtjänstgrupper")
            String title,

            @NotNull @Schema(description = "PROCESS, ACTIVITY or PLANNED_CHANGE")
            RiskSubjectKind subjectKind,

            @Schema(description = "PROCESS: required; ACTIVITY: derived from the activity; PLANNED_CHANGE: optional")
            UUID processId,

            @Schema(description = "ACTIVITY: required") UUID activityId,

            @Size(max = 2000) @Schema(description = "PLANNED_CHANGE: required, what change is planned")
            String plannedChange,

            @NotNull @Schema(description = "The unit the analysis is made for")
            UUID orgUnitId,

            @NotNull LocalDate analysedOn,
            @Size(max = 4000) String description,

            @Size(max = 50) @Schema(description = "Who took part (roles or names; never published)")
            List<@NotBlank @Size(max = 200) String> participants,

            @Schema(description = "OPEN (default) or COMPLETED")
            RiskAnalysis.Status status) {

        public RiskCommands.AnalysisCommand toCommand() {
            return new RiskCommands.AnalysisCommand(
                    title,
                    subjectKind,
                    processId,
                    activityId,
                    plannedChange,
                    orgUnitId,
                    analysedOn,
                    description,
                    participants,
                    status);
        }
    }

    @Schema(
            name = "MeasureRequest",
            description = "A measure against the risk; give the id of an existing one to keep it")
    public record MeasureRequest(
            @Schema(description = "An existing measure of this risk")
            UUID id,

            @NotNull @Schema(description = "ACT_NOW (åtgärda direkt), EGENKONTROLL, INTERNAL_CONTROL")
            MeasureKind kind,

            @NotBlank @Size(max = 2000) String description,
            @Size(max = 200) @Schema(example = "Enhetschef") String ownerRole,
            UUID ownerOrgUnitId,
            LocalDate dueDate,

            @Schema(description = "PLANNED (default), IN_PROGRESS, DONE, CANCELLED")
            MeasureStatus status) {

        public RiskCommands.MeasureCommand toCommand() {
            return new RiskCommands.MeasureCommand(id, kind, description, ownerRole, ownerOrgUnitId, dueDate, status);
        }
    }

    @Schema(name = "RiskRequest", description = "A new risk with its first assessment")
    public record RiskRequest(
            @NotBlank @Size(max = 2000) @Schema(example = "Nyckel till brukarens bostad kommer bort")
            String description,

            @Size(max = 4000) String causes,

            @NotNull @Min(1) @Max(4) @Schema(description = "1 (osannolik) to 4 (mycket sannolik)")
            Integer likelihood,

            @NotNull @Min(1) @Max(4) @Schema(description = "1 (liten) to 4 (katastrofal)")
            Integer consequence,

            @Schema(description = "Default OPEN") RiskStatus status,
            @Schema(description = "Default today") LocalDate assessedOn,
            @Size(max = 2000) String note,
            @Size(max = 50) List<@NotNull @Valid MeasureRequest> measures) {

        public RiskCommands.RiskCommand toCommand() {
            return new RiskCommands.RiskCommand(
                    description,
                    causes,
                    likelihood,
                    consequence,
                    status,
                    assessedOn,
                    note,
                    measures == null
                            ? null
                            : measures.stream().map(MeasureRequest::toCommand).toList());
        }
    }

    @Schema(
            name = "RiskAssessmentRequest",
            description = "A re-assessment (the whole new state of the risk's levels, status and measures)")
    public record AssessmentRequest(
            @Size(max = 2000) @Schema(description = "A new description; default unchanged")
            String description,

            @Size(max = 4000) @Schema(description = "New causes; default unchanged")
            String causes,

            @NotNull @Min(1) @Max(4) Integer likelihood,
            @NotNull @Min(1) @Max(4) Integer consequence,
            @NotNull RiskStatus status,

            @Schema(description = "Default today; not before the previous assessment")
            LocalDate assessedOn,

            @Size(max = 2000) String note,
            @NotNull @Size(max = 50) List<@NotNull @Valid MeasureRequest> measures) {

        public RiskCommands.AssessmentCommand toCommand() {
            return new RiskCommands.AssessmentCommand(
                    description,
                    causes,
                    likelihood,
                    consequence,
                    status,
                    assessedOn,
                    note,
                    measures == null
                            ? null
                            : measures.stream().map(MeasureRequest::toCommand).toList());
        }
    }
}
