package se.kvalitet.followup.initiative;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.followup.initiative.QualityInitiative.Origin;
import se.kvalitet.followup.initiative.QualityInitiative.Status;

/** What the initiative service is asked to do (the resource maps request bodies to these). */
public final class InitiativeCommands {

    private InitiativeCommands() {}

    /** An initiative to create or replace. */
    public record InitiativeCommand(
            UUID orgUnitId,
            String title,
            String description,
            String responsible,
            LocalDate deadline,
            String support,
            Origin origin,
            UUID originRef,
            UUID indicatorId,
            List<TaskCommand> tasks) {}

    /** A task of an initiative. */
    public record TaskCommand(String responsible, String description, LocalDate deadline, LocalDate doneOn) {}

    /** Closing an initiative as done or not done. */
    public record CompleteCommand(Status outcome, String effect, LocalDate closedOn) {}

    /** The later effect check. */
    public record EffectCommand(Boolean effective, String effect, LocalDate checkedOn) {}
}
