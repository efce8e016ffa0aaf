package se.kvalitet.followup.egenkontroll;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.domain.Enums.EgenkontrollMethod;
import se.kvalitet.followup.domain.Enums.EgenkontrollResult;
import se.kvalitet.followup.domain.Enums.Frequency;

/** What the egenkontroll service is asked to do (the resource maps request bodies to these). */
public final class EgenkontrollCommands {

    private EgenkontrollCommands() {}

    /** A plan to create or replace. */
    public record PlanCommand(
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
            Set<UUID> riskIds) {}

    /** The execution of an occurrence. */
    public record ExecutionCommand(
            LocalDate executedOn,
            Integer sampleSize,
            String findings,
            EgenkontrollResult result,
            Integer deviationsFound,
            String followUpActions,
            Integer actionCount) {}
}
