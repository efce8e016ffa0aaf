package se.kvalitet.followup.internalcontrol;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.internalcontrol.InternalControlItem.ResultStatus;
import se.kvalitet.followup.registry.RegistryReferences.RiskLink;

/** Request and response bodies of the internal control plan (internkontrollplan). */
public final class InternalControlApi {

    private InternalControlApi() {}

    @Schema(
            name = "InternalControlPlanRequest",
            description = "The internal control plan of a board (or administration) for a year")
    public record PlanRequest(
            @Schema(description = "The board or administration the plan belongs to") @NotNull
            UUID orgUnitId,

            @Schema(example = "2026") @NotNull @Min(2000) @Max(2200)
            Integer year,

            @Schema(example = "Internkontrollplan 2026, socialnämnden") @NotBlank @Size(max = 300)
            String title) {

        /** The command this request asks for. */
        public InternalControlCommands.PlanCommand toCommand() {
            return new InternalControlCommands.PlanCommand(orgUnitId, year, title);
        }
    }

    @Schema(name = "InternalControlItemRequest", description = "A risk chosen for control and how it is controlled")
    public record ItemRequest(
            @Schema(description = "The risk in the process registry's risk analyses, when registered there")
            UUID riskId,

            @Schema(example = "Utredningstiden för biståndsbedömning överskrider tre månader")
            @NotBlank
            @Size(max = 1000)
            String risk,

            @Schema(description = "Sannolikhet 1-4") @Min(1) @Max(4)
            Integer likelihood,

            @Schema(description = "Konsekvens 1-4") @Min(1) @Max(4)
            Integer consequence,

            @Schema(example = "Kontroll av utredningstiden: håller man tidsramarna på 3 månader?")
            @NotBlank
            @Size(max = 2000)
            String control,

            @Schema(example = "Stickprov om 20 akter") @Size(max = 1000)
            String method,

            @Schema(example = "Två gånger per år") @Size(max = 300)
            String schedule,

            @Schema(example = "Enhetschef myndighetsutövning") @NotBlank @Size(max = 200)
            String responsibleRole,

            @Schema(description = "The egenkontroll plan that carries out the control, if any")
            UUID egenkontrollPlanId,

            LocalDate dueOn) {

        /** The command this request asks for. */
        public InternalControlCommands.ItemCommand toCommand() {
            return new InternalControlCommands.ItemCommand(
                    riskId,
                    risk,
                    likelihood,
                    consequence,
                    control,
                    method,
                    schedule,
                    responsibleRole,
                    egenkontrollPlanId,
                    dueOn);
        }
    }

    @Schema(name = "InternalControlResult", description = "The result of one control")
    public record ResultRequest(
            @NotNull ResultStatus resultStatus,

            @Schema(description = "What the control showed") @Size(max = 4000)
            String result,

            @Min(0) @Max(1_000_000) Integer deviationsFound,

            @Schema(description = "Actions decided") @Size(max = 4000)
            String actions,

            @Schema(description = "Default today; not in the future")
            LocalDate completedOn) {

        /** The command this request asks for. */
        public InternalControlCommands.ResultCommand toCommand() {
            return new InternalControlCommands.ResultCommand(
                    resultStatus, result, deviationsFound, actions, completedOn);
        }
    }

    @Schema(name = "InternalControlAdoption", description = "The decision that adopted (fastställde) the plan")
    public record AdoptRequest(
            @Schema(example = "Socialnämnden 2026-02-19 § 12") @NotBlank @Size(max = 300)
            String adoptedBy,

            @Schema(description = "Default today") LocalDate adoptedOn) {

        /** The command this request asks for. */
        public InternalControlCommands.AdoptCommand toCommand() {
            return new InternalControlCommands.AdoptCommand(adoptedBy, adoptedOn);
        }
    }

    @Schema(name = "InternalControlReportRequest", description = "The report to the board")
    public record ReportRequest(
            @Schema(description = "The summary the board receives") @NotBlank @Size(max = 8000)
            String summary,

            @Schema(example = "Socialnämnden, årsbokslut 2026") @NotBlank @Size(max = 300)
            String reportedTo,

            @Schema(description = "Default today") LocalDate reportedOn) {

        /** The command this request asks for. */
        public InternalControlCommands.ReportCommand toCommand() {
            return new InternalControlCommands.ReportCommand(summary, reportedTo, reportedOn);
        }
    }

    @Schema(name = "InternalControlItem")
    public record ItemResponse(
            UUID id,
            int position,
            UUID riskId,
            RiskLink registryRisk,
            String risk,
            Integer likelihood,
            Integer consequence,

            @Schema(description = "likelihood × consequence")
            Integer riskValue,

            String control,
            String method,
            String schedule,
            String responsibleRole,
            UUID egenkontrollPlanId,
            LocalDate dueOn,

            @Schema(
                    description = "Past its due date without a result, on the asOf day of the request (default"
                            + " today, Europe/Stockholm)")
            boolean overdue,

            ResultStatus resultStatus,
            String result,
            Integer deviationsFound,
            String actions,
            LocalDate completedOn) {

        static ItemResponse of(InternalControlItem i, Map<UUID, RiskLink> risks, LocalDate asOf) {
            return new ItemResponse(
                    i.id,
                    i.position,
                    i.riskId,
                    i.riskId == null ? null : risks.get(i.riskId),
                    i.risk,
                    i.likelihood,
                    i.consequence,
                    i.riskValue(),
                    i.control,
                    i.method,
                    i.schedule,
                    i.responsibleRole,
                    i.egenkontrollPlanId,
                    i.dueOn,
                    i.isOverdueOn(asOf),
                    i.resultStatus,
                    i.result,
                    i.deviationsFound,
                    i.actions,
                    i.completedOn);
        }
    }

    @Schema(name = "InternalControlPlan")
    public record PlanResponse(
            UUID id,
            UUID orgUnitId,
            int year,
            String title,
            InternalControlPlan.Status status,
            LocalDate adoptedOn,
            String adoptedBy,
            String reportSummary,
            LocalDate reportedOn,
            String reportedTo,
            List<ItemResponse> items,

            @Schema(description = "Controls per result (and NO_RESULT_YET)")
            Map<String, Long> resultCounts,

            @Schema(description = "The day overdue answers for (the asOf of the request, default today)")
            LocalDate asOf,

            @Schema(description = "Controls past their due date without a result on asOf")
            long overdueControls,

            Instant createdAt,
            Instant updatedAt) {

        public static PlanResponse of(InternalControlPlan p, Map<UUID, RiskLink> risks, LocalDate asOf) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (InternalControlItem i : p.items) {
                counts.merge(i.resultStatus == null ? "NO_RESULT_YET" : i.resultStatus.name(), 1L, Long::sum);
            }
            return new PlanResponse(
                    p.id,
                    p.orgUnitId,
                    p.year,
                    p.title,
                    p.status,
                    p.adoptedOn,
                    p.adoptedBy,
                    p.reportSummary,
                    p.reportedOn,
                    p.reportedTo,
                    p.items.stream().map(i -> ItemResponse.of(i, risks, asOf)).toList(),
                    counts,
                    asOf,
                    p.items.stream().filter(i -> i.isOverdueOn(asOf)).count(),
                    p.createdAt,
                    p.updatedAt);
        }
    }
}
