package se.kvalitet.followup.internalcontrol;

import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.followup.internalcontrol.InternalControlItem.ResultStatus;

/** What the internal control service is asked to do (the resource maps request bodies to these). */
public final class InternalControlCommands {

    private InternalControlCommands() {}

    /** A plan to create or replace. */
    public record PlanCommand(UUID orgUnitId, Integer year, String title) {}

    /** A control to add or replace. */
    public record ItemCommand(
            UUID riskId,
            String risk,
            Integer likelihood,
            Integer consequence,
            String control,
            String method,
            String schedule,
            String responsibleRole,
            UUID egenkontrollPlanId,
            LocalDate dueOn) {}

    /** The result of one control. */
    public record ResultCommand(
            ResultStatus resultStatus, String result, Integer deviationsFound, String actions, LocalDate completedOn) {}

    /** The decision that adopts the plan. */
    public record AdoptCommand(String adoptedBy, LocalDate adoptedOn) {}

    /** The report to the board. */
    public record ReportCommand(String summary, String reportedTo, LocalDate reportedOn) {}
}
