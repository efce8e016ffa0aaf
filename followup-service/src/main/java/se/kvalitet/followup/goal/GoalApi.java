package se.kvalitet.followup.goal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.domain.Enums.GoalLevel;

/** Request and response bodies of goals (mål). */
public final class GoalApi {

    private GoalApi() {}

    @Schema(
            name = "GoalRequest",
            description = "A goal: overarching (övergripande mål), board (nämndmål) or operational (verksamhetsmål)")
    public record GoalRequest(
            @NotNull GoalLevel level,

            @Schema(description = "The goal this one breaks down; required below OVERARCHING")
            UUID parentId,

            @Schema(description = "The unit an operational goal belongs to")
            UUID orgUnitId,

            @Schema(example = "Kunderna ska vara nöjda med den insats som de har fått") @NotBlank @Size(max = 300)
            String title,

            @Size(max = 4000) String description,

            @Schema(description = "Quality criterion (kvalitetskriterium) the goal serves", example = "SAFETY")
            @Size(max = 60)
            String criterionCode,

            @Schema(example = "2024") @Min(1900) @Max(2200) Integer validFrom,
            @Schema(example = "2027") @Min(1900) @Max(2200) Integer validTo) {

        /** The command this request asks for. */
        public GoalCommands.GoalCommand toCommand() {
            return new GoalCommands.GoalCommand(
                    level, parentId, orgUnitId, title, description, criterionCode, validFrom, validTo);
        }
    }

    @Schema(name = "Goal")
    public record GoalResponse(
            UUID id,
            GoalLevel level,
            UUID parentId,
            UUID orgUnitId,
            String title,
            String description,
            String criterionCode,
            Integer validFrom,
            Integer validTo,
            Instant createdAt,
            Instant updatedAt) {

        public static GoalResponse of(Goal g) {
            return new GoalResponse(
                    g.id,
                    g.level,
                    g.parentId,
                    g.orgUnitId,
                    g.title,
                    g.description,
                    g.criterionCode,
                    g.validFrom,
                    g.validTo,
                    g.createdAt,
                    g.updatedAt);
        }
    }
}
