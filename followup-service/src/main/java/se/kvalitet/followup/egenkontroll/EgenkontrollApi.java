package se.kvalitet.followup.egenkontroll;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.domain.Enums.EgenkontrollMethod;
import se.kvalitet.followup.domain.Enums.EgenkontrollResult;
import se.kvalitet.followup.domain.Enums.Frequency;
import se.kvalitet.followup.registry.RegistryReferences.RiskLink;
import se.kvalitet.followup.registry.RegistryReferences.RoutineLink;

/** Request and response bodies of egenkontroll (self-inspection, SOSFS 2011:9 5 kap 2 §). */
public final class EgenkontrollApi {

    private EgenkontrollApi() {}

    @Schema(
            name = "EgenkontrollPlanRequest",
            description = "What is checked, how, on which sample, how often and by whom")
    public record PlanRequest(
            @NotNull UUID orgUnitId,

            @Schema(example = "Stickkontroll av genomförandeplaner") @NotBlank @Size(max = 300)
            String title,

            @Size(max = 4000) String description,
            @NotNull EgenkontrollMethod method,

            @Schema(example = "10 slumpvis valda genomförandeplaner") @Size(max = 1000)
            String sample,

            @Min(0) @Max(1_000_000) Integer sampleSize,

            @Schema(description = "How often; CONTINUOUS cannot be scheduled") @NotNull
            Frequency frequency,

            @Schema(description = "The first due date; the next ones follow every frequency", example = "2026-03-31")
            @NotNull
            LocalDate firstDueOn,

            @Schema(description = "No occurrences after this day")
            LocalDate endsOn,

            @Schema(example = "Enhetschef") @NotBlank @Size(max = 200)
            String responsibleRole,

            @Schema(description = "The indicator the results feed, if any")
            UUID indicatorId,

            @Schema(description = "Routines of the process registry the egenkontroll checks") @Size(max = 50)
            Set<@NotNull UUID> routineIds,

            @Schema(description = "Risks of the process registry's risk analyses it controls") @Size(max = 50)
            Set<@NotNull UUID> riskIds) {

        /** The command this request asks for. */
        public EgenkontrollCommands.PlanCommand toCommand() {
            return new EgenkontrollCommands.PlanCommand(
                    orgUnitId,
                    title,
                    description,
                    method,
                    sample,
                    sampleSize,
                    frequency,
                    firstDueOn,
                    endsOn,
                    responsibleRole,
                    indicatorId,
                    routineIds,
                    riskIds);
        }
    }

    @Schema(name = "EgenkontrollPlan")
    public record PlanResponse(
            UUID id,
            UUID orgUnitId,
            String title,
            String description,
            EgenkontrollMethod method,
            String sample,
            Integer sampleSize,
            Frequency frequency,
            LocalDate firstDueOn,
            LocalDate endsOn,
            String responsibleRole,
            UUID indicatorId,
            Set<UUID> routineIds,
            Set<UUID> riskIds,

            @Schema(
                    description =
                            "The linked routines as the registry copy knows them (UNKNOWN until its event arrives)")
            List<RoutineLink> routines,

            @Schema(description = "The linked risks with their latest assessment")
            List<RiskLink> risks,

            EgenkontrollPlan.Status status,
            Instant createdAt,
            Instant updatedAt) {

        public static PlanResponse of(EgenkontrollPlan p, Map<UUID, RoutineLink> routines, Map<UUID, RiskLink> risks) {
            return new PlanResponse(
                    p.id,
                    p.orgUnitId,
                    p.title,
                    p.description,
                    p.method,
                    p.sample,
                    p.sampleSize,
                    p.frequency,
                    p.firstDueOn,
                    p.endsOn,
                    p.responsibleRole,
                    p.indicatorId,
                    Set.copyOf(p.routineIds),
                    Set.copyOf(p.riskIds),
                    p.routineIds.stream().map(routines::get).toList(),
                    p.riskIds.stream().map(risks::get).toList(),
                    p.status,
                    p.createdAt,
                    p.updatedAt);
        }
    }

    @Schema(
            name = "EgenkontrollExtraOccurrence",
            description = "An extra egenkontroll outside the schedule (e.g. after a deviation)")
    public record ExtraRequest(@NotNull LocalDate dueOn) {}

    @Schema(name = "EgenkontrollExecution", description = "The execution of a scheduled egenkontroll")
    public record ExecutionRequest(
            @Schema(
                    description = "The day it was carried out; not in the future, not before the period it"
                            + " covers (its due day one interval back)")
            @NotNull
            LocalDate executedOn,

            @Schema(description = "Items checked") @Min(0) @Max(1_000_000)
            Integer sampleSize,

            @Schema(description = "What was found (iakttagelser)") @Size(max = 4000)
            String findings,

            @NotNull EgenkontrollResult result,

            @Schema(description = "Deviations found, reported as avvikelser") @NotNull @Min(0) @Max(1_000_000)
            Integer deviationsFound,

            @Schema(description = "Follow-up actions decided") @Size(max = 4000)
            String followUpActions,

            @Schema(description = "Number of follow-up actions") @Min(0) @Max(10_000)
            Integer actionCount) {

        /** The command this request asks for. */
        public EgenkontrollCommands.ExecutionCommand toCommand() {
            return new EgenkontrollCommands.ExecutionCommand(
                    executedOn, sampleSize, findings, result, deviationsFound, followUpActions, actionCount);
        }
    }

    @Schema(name = "EgenkontrollCancellation")
    public record CancelRequest(@NotBlank @Size(max = 1000) String reason) {}

    @Schema(name = "EgenkontrollOccurrence", description = "A scheduled egenkontroll and, once done, its execution")
    public record OccurrenceResponse(
            UUID id,
            UUID planId,
            UUID orgUnitId,
            LocalDate dueOn,

            @Schema(description = "SCHEDULED, EXECUTED or CANCELLED")
            EgenkontrollOccurrence.Status status,

            @Schema(
                    description = "Past its due date and neither carried out nor cancelled, on the asOf day of"
                            + " the request (default today, Europe/Stockholm)")
            boolean overdue,

            LocalDate executedOn,
            Integer sampleSize,
            String findings,
            EgenkontrollResult result,
            Integer deviationsFound,
            String followUpActions,
            Integer actionCount,
            String cancelReason,

            @Schema(description = "The day it was cancelled, when CANCELLED")
            LocalDate cancelledOn,

            Instant createdAt,
            Instant updatedAt,

            @Schema(
                    description = "Migrated occurrences only: the system it was imported from (POST"
                            + " /imports/egenkontroll-occurrences)")
            String sourceSystem,

            @Schema(description = "Migrated occurrences only: its id in the source system")
            String sourceId,

            @Schema(
                    description = "Migrated occurrences only: the import run that brought it in (GET"
                            + " /imports/egenkontroll-occurrences/{id})")
            UUID importRunId) {

        public static OccurrenceResponse of(EgenkontrollOccurrence o, LocalDate today) {
            return new OccurrenceResponse(
                    o.id,
                    o.planId,
                    o.orgUnitId,
                    o.dueOn,
                    o.status,
                    o.isOverdueOn(today),
                    o.executedOn,
                    o.sampleSize,
                    o.findings,
                    o.result,
                    o.deviationsFound,
                    o.followUpActions,
                    o.actionCount,
                    o.cancelReason,
                    o.cancelledOn,
                    o.createdAt,
                    o.updatedAt,
                    o.sourceSystem,
                    o.sourceId,
                    o.importRunId);
        }
    }

    /** A plan with its next occurrences. */
    @Schema(name = "EgenkontrollPlanDetail")
    public record PlanDetail(PlanResponse plan, List<OccurrenceResponse> upcoming) {}
}
