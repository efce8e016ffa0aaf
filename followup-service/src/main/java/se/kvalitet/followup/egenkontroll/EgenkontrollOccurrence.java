package se.kvalitet.followup.egenkontroll;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.followup.EgenkontrollExecutedV1;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.followup.domain.Enums.EgenkontrollResult;
import se.kvalitet.web.ProblemException;

/** One scheduled egenkontroll (a due date of a plan) and, once carried out, its execution. */
@Entity
@Table(name = "egenkontroll_occurrence")
public class EgenkontrollOccurrence {

    /** SCHEDULED → EXECUTED or CANCELLED; overdue is a SCHEDULED occurrence past its due date. */
    public enum Status {
        SCHEDULED,
        EXECUTED,
        CANCELLED
    }

    @Id
    public UUID id;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(name = "executed_on")
    public LocalDate executedOn;

    @Column(name = "sample_size")
    public Integer sampleSize;

    @Column(length = 4000)
    public String findings;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public EgenkontrollResult result;

    @Column(name = "deviations_found")
    public Integer deviationsFound;

    @Column(name = "follow_up_actions", length = 4000)
    public String followUpActions;

    @Column(name = "action_count")
    public Integer actionCount;

    /** Token subject of whoever recorded the execution. */
    @Column(name = "executed_by", length = 200)
    public String executedBy;

    @Column(name = "cancel_reason", length = 1000)
    public String cancelReason;

    /** The day it was cancelled (Europe/Stockholm); null unless CANCELLED. */
    @Column(name = "cancelled_on")
    public LocalDate cancelledOn;

    @Column(name = "overdue_notified", nullable = false)
    public boolean overdueNotified;

    /** Provenance of an occurrence moved in by the history import (null for one scheduled here). */
    @Column(name = "source_system", length = 100)
    public String sourceSystem;

    @Column(name = "source_id", length = 200)
    public String sourceId;

    @Column(name = "import_run_id")
    public UUID importRunId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Overdue now: still scheduled and today is past its due date. */
    public boolean isOverdue(LocalDate today) {
        return status == Status.SCHEDULED && isOverdueOn(today);
    }

    /**
     * Overdue on {@code day}: the day is after the due date and it had been neither carried out nor cancelled by
     * then (executed or cancelled on the day itself counts as done). From the stored dates, so a past or future
     * day answers as it was or will be.
     */
    public boolean isOverdueOn(LocalDate day) {
        if (!day.isAfter(dueOn)) {
            return false;
        }
        return switch (status) {
            case SCHEDULED -> true;
            case EXECUTED -> executedOn != null && executedOn.isAfter(day);
            case CANCELLED -> cancelledOn != null && cancelledOn.isAfter(day);
        };
    }

    private void requireScheduled(String what) {
        if (status != Status.SCHEDULED) {
            throw ProblemException.conflict(
                            "invalid-transition", "An egenkontroll that is " + status + " cannot be " + what)
                    .with("currentState", status.name());
        }
    }

    /** Records the execution; returns the event to publish. */
    public EgenkontrollExecutedV1 execute(
            LocalDate on,
            Integer sample,
            String findingsText,
            EgenkontrollResult outcome,
            int deviations,
            String actions,
            int actionTotal,
            String by,
            Instant now) {
        requireScheduled("executed");
        status = Status.EXECUTED;
        executedOn = on;
        sampleSize = sample;
        findings = findingsText;
        result = outcome;
        deviationsFound = deviations;
        followUpActions = actions;
        actionCount = actionTotal;
        executedBy = by;
        updatedAt = now;
        return new EgenkontrollExecutedV1(planId, id, orgUnitId, on, outcome.name(), sample, deviations, actionTotal);
    }

    public void cancel(String reason, LocalDate on, Instant now) {
        requireScheduled("cancelled");
        status = Status.CANCELLED;
        cancelReason = reason;
        cancelledOn = on;
        updatedAt = now;
    }

    /** Once, when a scheduled occurrence has passed its due date: the event to publish, else null. */
    public EgenkontrollOverdueV1 markOverdueIfDue(LocalDate today, Instant now) {
        if (!isOverdue(today) || overdueNotified) {
            return null;
        }
        overdueNotified = true;
        updatedAt = now;
        return new EgenkontrollOverdueV1(planId, id, orgUnitId, dueOn);
    }
}
