package se.kvalitet.followup.initiative;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.initiative.QualityInitiative.Origin;
import se.kvalitet.followup.initiative.QualityInitiative.Status;

/** Request and response bodies of quality initiatives (kvalitetsinsatser). */
public final class InitiativeApi {

    private InitiativeApi() {}

    @Schema(name = "QualityInitiativeRequest", description = "A quality initiative (kvalitetsinsats, seed 001)")
    public record InitiativeRequest(
            @NotNull UUID orgUnitId,

            @Schema(example = "Värdegrundsarbete i samtliga arbetsgrupper") @NotBlank @Size(max = 300)
            String title,

            @Size(max = 4000) String description,

            @Schema(description = "A role or function, not a named person", example = "Ansvariga chefer")
            @NotBlank
            @Size(max = 200)
            String responsible,

            @Schema(example = "2026-12-10") LocalDate deadline,

            @Schema(description = "Stödresurser", example = "Ledningsgruppen, chefsforum") @Size(max = 1000)
            String support,

            @NotNull Origin origin,

            @Schema(
                    description =
                            "What it came from: an egenkontroll occurrence or plan (EGENKONTROLL), a risk id of the registry (RISK), "
                                    + "a deviation or analysis id (DEVIATION_ANALYSIS)")
            UUID originRef,

            @Schema(description = "The indicator it should improve; required for origin INDICATOR")
            UUID indicatorId,

            @Schema(description = "Who does what by when (ansvarsfördelning)") @Size(max = 50)
            List<@NotNull @Valid TaskRequest> tasks) {

        /** The command this request asks for. */
        public InitiativeCommands.InitiativeCommand toCommand() {
            return new InitiativeCommands.InitiativeCommand(
                    orgUnitId,
                    title,
                    description,
                    responsible,
                    deadline,
                    support,
                    origin,
                    originRef,
                    indicatorId,
                    tasks == null
                            ? null
                            : tasks.stream().map(TaskRequest::toCommand).toList());
        }
    }

    @Schema(name = "QualityInitiativeTask")
    public record TaskRequest(
            @Schema(example = "Ledningsgruppen") @NotBlank @Size(max = 200)
            String responsible,

            @Schema(example = "Inleda och följa upp arbetet i samband med chefsforum") @NotBlank @Size(max = 2000)
            String description,

            LocalDate deadline,

            @Schema(description = "The day it was done (genomfört); null while not done")
            LocalDate doneOn) {

        /** The command this request asks for. */
        public InitiativeCommands.TaskCommand toCommand() {
            return new InitiativeCommands.TaskCommand(responsible, description, deadline, doneOn);
        }
    }

    @Schema(name = "QualityInitiativeCompletion")
    public record CompleteRequest(
            @Schema(description = "DONE (genomförd) or NOT_DONE (ej genomförd)") @NotNull
            Status outcome,

            @Schema(description = "What it achieved, or why it was not done") @Size(max = 4000)
            String effect,

            @Schema(
                    description = "The day it was closed: default today; not in the future (it may precede its"
                            + " recording here). Whether it was closed by its deadline follows this day")
            LocalDate closedOn) {

        /** The command this request asks for. */
        public InitiativeCommands.CompleteCommand toCommand() {
            return new InitiativeCommands.CompleteCommand(outcome, effect, closedOn);
        }
    }

    @Schema(
            name = "QualityInitiativeEffectCheck",
            description = "The later check of whether a closed initiative had the intended effect")
    public record EffectRequest(
            @NotNull Boolean effective, @Size(max = 4000) String effect, LocalDate checkedOn) {

        /** The command this request asks for. */
        public InitiativeCommands.EffectCommand toCommand() {
            return new InitiativeCommands.EffectCommand(effective, effect, checkedOn);
        }
    }

    @Schema(name = "QualityInitiative")
    public record InitiativeResponse(
            UUID id,
            UUID orgUnitId,
            String title,
            String description,
            String responsible,
            LocalDate deadline,
            String support,
            Status status,
            Origin origin,
            UUID originRef,
            UUID indicatorId,

            @Schema(
                    description = "Past its deadline and not closed, on the asOf day of the request (default"
                            + " today, Europe/Stockholm)")
            boolean overdue,

            LocalDate startedOn,
            LocalDate closedOn,
            String effect,
            Boolean effective,
            LocalDate effectCheckedOn,
            List<TaskRequest> tasks,
            Instant createdAt,
            Instant updatedAt,

            @Schema(
                    description = "Migrated initiatives only: the system it was imported from (POST"
                            + " /imports/quality-initiatives)")
            String sourceSystem,

            @Schema(description = "Migrated initiatives only: its id in the source system")
            String sourceId,

            @Schema(
                    description = "Migrated initiatives only: the import run that brought it in (GET"
                            + " /imports/quality-initiatives/{id})")
            UUID importRunId) {

        public static InitiativeResponse of(QualityInitiative i, LocalDate today) {
            return new InitiativeResponse(
                    i.id,
                    i.orgUnitId,
                    i.title,
                    i.description,
                    i.responsible,
                    i.deadline,
                    i.support,
                    i.status,
                    i.origin,
                    i.originRef,
                    i.indicatorId,
                    i.isOverdueOn(today),
                    i.startedOn,
                    i.closedOn,
                    i.effect,
                    i.effective,
                    i.effectCheckedOn,
                    i.tasks.stream()
                            .map(t -> new TaskRequest(t.responsible, t.description, t.deadline, t.doneOn))
                            .toList(),
                    i.createdAt,
                    i.updatedAt,
                    i.sourceSystem,
                    i.sourceId,
                    i.importRunId);
        }
    }
}
