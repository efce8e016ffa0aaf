package se.kvalitet.deviation.action;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.deviation.RootCause;

/** Requests and responses of actions (åtgärder) and deadlines. */
public final class ActionDtos {

    private ActionDtos() {}

    @Schema(name = "NewActionRequest", description = "An action (åtgärd) decided on a report")
    public record NewActionRequest(
            @Schema(description = "What is to be done", example = "Uppdatera rutinen för dubbelbemanning")
            @NotBlank
            @Size(max = 200)
            String title,

            @Schema(maxLength = 4000) @Size(max = 4000) String description,

            @Schema(description = "Username of the person responsible", example = "erik")
            @NotBlank
            @Size(max = 200)
            @Pattern(regexp = "^[A-Za-z0-9._@-]{1,200}$", message = "must be a username")
            String owner,

            @Schema(description = "The org unit responsible; the report's unit when left out")
            UUID orgUnitId,

            @Schema(description = "When it must be done (Swedish date)", example = "2026-12-15") @NotNull
            LocalDate dueDate,

            @Schema(description = "The track it belongs to; the whole report when left out")
            UUID trackId,

            @Schema(description = "The root causes it addresses") @Size(max = 9)
            Set<RootCause> rootCauses,

            @Schema(description = "When its effect is to be checked")
            LocalDate effectCheckDue) {}

    @Schema(name = "ActionProgressRequest", description = "Move an action on")
    public record ProgressRequest(
            @Schema(description = "IN_PROGRESS, DONE or CANCELLED") @NotNull
            DeviationAction.Status status,

            @Schema(description = "The day it was done; required for DONE")
            LocalDate doneDate,

            @Schema(description = "Why it is cancelled; required for CANCELLED", maxLength = 4000) @Size(max = 4000)
            String reason,

            @Schema(description = "When its effect is to be checked (may be set when done)")
            LocalDate effectCheckDue) {}

    @Schema(
            name = "EffectCheckRequest",
            description = "The later check of a done action's effect (uppföljning av effekt)")
    public record EffectCheckRequest(
            @Schema(description = "The day the effect was checked") @NotNull
            LocalDate checkedOn,

            @Schema(description = "Whether the action had the intended effect") @NotNull
            Boolean effective,

            @Schema(maxLength = 4000) @Size(max = 4000) String comment) {}

    @Schema(name = "DeviationAction", description = "An action (åtgärd) with its effect check")
    public record ActionView(
            UUID id,
            UUID deviationId,
            UUID trackId,
            String title,
            String description,
            String owner,
            UUID orgUnitId,
            LocalDate dueDate,
            DeviationAction.Status status,

            @Schema(
                    description =
                            "Open and past its due date (now; in a list with asOf: at that instant, from the action's due clock)")
            boolean overdue,

            LocalDate doneDate,
            String cancelReason,
            Set<RootCause> rootCauses,
            LocalDate effectCheckDue,
            LocalDate effectCheckedOn,
            Boolean effective,
            String effectComment,
            String effectCheckedBy,
            String createdBy,
            Instant createdAt,
            Instant updatedAt) {
        public static ActionView of(DeviationAction a, LocalDate today) {
            return of(a, a.overdue(today));
        }

        /** With {@code overdue} decided by the caller (an {@code asOf} list: the action's due clock then). */
        public static ActionView of(DeviationAction a, boolean overdue) {
            return new ActionView(
                    a.id,
                    a.deviationId,
                    a.trackId,
                    a.title,
                    a.description,
                    a.owner,
                    a.orgUnitId,
                    a.dueDate,
                    a.status,
                    overdue,
                    a.doneDate,
                    a.cancelReason,
                    a.rootCauses,
                    a.effectCheckDue,
                    a.effectCheckedOn,
                    a.effective,
                    a.effectComment,
                    a.effectCheckedBy,
                    a.createdBy,
                    a.createdAt,
                    a.updatedAt);
        }
    }
}
