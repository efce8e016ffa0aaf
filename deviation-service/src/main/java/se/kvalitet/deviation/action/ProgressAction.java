package se.kvalitet.deviation.action;

import java.time.LocalDate;

/** The command that moves an action on: IN_PROGRESS, DONE (with its date) or CANCELLED (with a reason). */
public record ProgressAction(
        DeviationAction.Status next, LocalDate doneDate, String reason, LocalDate effectCheckDue) {}
