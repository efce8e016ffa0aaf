package se.kvalitet.followup.goal;

import java.util.UUID;
import se.kvalitet.followup.domain.Enums.GoalLevel;

/** What the goal service is asked to do (the resource maps request bodies to these). */
public final class GoalCommands {

    private GoalCommands() {}

    /** A goal to create or replace. */
    public record GoalCommand(
            GoalLevel level,
            UUID parentId,
            UUID orgUnitId,
            String title,
            String description,
            String criterionCode,
            Integer validFrom,
            Integer validTo) {}
}
