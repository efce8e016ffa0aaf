package se.kvalitet.deviation.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationActionEffectCheckedV1;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;

/** An action moves on (in progress, done, cancelled) and, once done, its effect is checked once. */
@ApplicationScoped
public class ActionProgressService {

    @Inject
    ActionService actions;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Inject
    Clocks clocks;

    @Inject
    FreeTextGuard guard;

    /** Moves the action on: IN_PROGRESS, DONE (with its done date) or CANCELLED (with a reason). */
    @Transactional
    public DeviationAction progress(UUID deviationId, UUID actionId, String ifMatch, ProgressAction command) {
        DeviationAction.Status next = command.next();
        LocalDate doneDate = command.doneDate();
        String reason = command.reason();
        LocalDate effectCheckDue = command.effectCheckDue();
        Deviation d = actions.workable(deviationId, Action.UPDATE);
        DeviationAction x = actions.action(d, actionId);
        actions.requireActionOfMyUnits(d, x);
        ETags.requireMatch(ifMatch, x.version);
        if (!x.status.canMoveTo(next)) {
            throw ProblemException.conflict("action-transition", "An action in " + x.status + " cannot move to " + next)
                    .with("currentStatus", x.status);
        }
        Instant now = clock.instant();
        LocalDate today = actions.today();
        switch (next) {
            case DONE -> {
                if (doneDate == null) {
                    throw ProblemException.invalidField("doneDate", "is required when the action is done");
                }
                if (doneDate.isAfter(today)) {
                    throw ProblemException.invalidField("doneDate", "must not be in the future");
                }
                // done as it happened (issue 16 item 2): any day from the deviation's on, the action perhaps
                // recorded here long after it was done (a past year posted now)
                LocalDate occurredOn = LocalDate.ofInstant(d.occurredAt, Deviation.SWEDEN);
                if (doneDate.isBefore(occurredOn)) {
                    throw ProblemException.invalidField(
                            "doneDate", "must not be before the deviation occurred (" + occurredOn + ")");
                }
                LocalDate check = effectCheckDue != null ? effectCheckDue : x.effectCheckDue;
                if (check != null && check.isBefore(doneDate)) {
                    throw ProblemException.invalidField("effectCheckDue", "must not be before doneDate");
                }
                x.doneDate = doneDate;
                x.effectCheckDue = check;
                clocks.stop(
                        x.id,
                        ClockKind.ACTION_DUE,
                        "MET",
                        doneDate.atStartOfDay(Deviation.SWEDEN).toInstant());
                if (check != null) {
                    clocks.startUntil(
                            d.id,
                            ClockKind.ACTION_EFFECT_CHECK,
                            x.id,
                            actions.trackType(d, x),
                            x.orgUnitId,
                            now,
                            actions.endOf(check));
                }
            }
            case CANCELLED -> {
                if (reason == null || reason.isBlank()) {
                    throw ProblemException.invalidField("reason", "is required when an action is cancelled");
                }
                FreeTextGuard.Screening screening = guard.screen();
                x.cancelReason = screening.text("reason", reason.strip());
                screening.done();
                clocks.stop(x.id, ClockKind.ACTION_DUE, "CANCELLED", now);
            }
            default -> {
                if (doneDate != null) {
                    throw ProblemException.invalidField("doneDate", "only when the action is done");
                }
            }
        }
        x.status = next;
        x.updatedAt = now;
        d.updatedAt = now;
        if (next == DeviationAction.Status.DONE) {
            long late = Math.max(0, ChronoUnit.DAYS.between(x.dueDate, x.doneDate));
            outbox.publish(new DeviationActionDoneV1(
                    d.id,
                    x.id,
                    actions.trackType(d, x),
                    x.orgUnitId,
                    d.orgUnitId,
                    d.categories(),
                    x.dueDate,
                    x.doneDate,
                    late == 0,
                    (int) late,
                    now));
        }
        return x;
    }

    /** The later check of a done action: did it have the intended effect? Once per action. */
    @Transactional
    public DeviationAction checkEffect(UUID deviationId, UUID actionId, String ifMatch, CheckEffect command) {
        LocalDate checkedOn = command.checkedOn();
        boolean effective = command.effective();
        String comment = command.comment();
        Deviation d = actions.workable(deviationId, Action.UPDATE);
        DeviationAction x = actions.action(d, actionId);
        actions.requireActionOfMyUnits(d, x);
        ETags.requireMatch(ifMatch, x.version);
        if (x.status != DeviationAction.Status.DONE) {
            throw ProblemException.conflict("action-not-done", "Only a done action has its effect checked")
                    .with("currentStatus", x.status);
        }
        if (x.effectCheckedOn != null) {
            throw ProblemException.conflict(
                    "effect-checked", "The effect is already checked; add a new action if it did not work");
        }
        if (checkedOn.isAfter(actions.today())) {
            throw ProblemException.invalidField("checkedOn", "must not be in the future");
        }
        if (checkedOn.isBefore(x.doneDate)) {
            throw ProblemException.invalidField("checkedOn", "must not be before the action was done");
        }
        FreeTextGuard.Screening screening = guard.screen();
        x.effectComment = screening.text("comment", comment == null || comment.isBlank() ? null : comment.strip());
        screening.done();
        Instant now = clock.instant();
        x.effectCheckedOn = checkedOn;
        x.effective = effective;
        x.effectCheckedBy = caller.username();
        x.updatedAt = now;
        d.updatedAt = now;
        clocks.stop(
                x.id,
                ClockKind.ACTION_EFFECT_CHECK,
                "MET",
                checkedOn.atStartOfDay(Deviation.SWEDEN).toInstant());
        outbox.publish(new DeviationActionEffectCheckedV1(
                d.id,
                x.id,
                actions.trackType(d, x),
                x.orgUnitId,
                d.orgUnitId,
                d.categories(),
                x.dueDate,
                x.doneDate,
                checkedOn,
                effective,
                now));
        return x;
    }
}
