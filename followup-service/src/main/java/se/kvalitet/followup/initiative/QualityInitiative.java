package se.kvalitet.followup.initiative;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.followup.InitiativeCompletedV1;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.web.ProblemException;

/**
 * A quality initiative (kvalitetsinsats, seed 001): what is to be done, by whom, by when, with
 * which support, where it came from and what effect it had.
 */
@Entity
@Table(name = "quality_initiative")
public class QualityInitiative {

    /** Status with its allowed transitions. */
    public enum Status {
        NOT_STARTED,
        ONGOING,
        DONE,
        NOT_DONE;

        public Set<Status> next() {
            return switch (this) {
                case NOT_STARTED -> EnumSet.of(ONGOING, DONE, NOT_DONE);
                case ONGOING -> EnumSet.of(DONE, NOT_DONE);
                case DONE, NOT_DONE -> EnumSet.noneOf(Status.class);
            };
        }
    }

    /** One task of the initiative: a responsible role, what to do, by when, and the day it was done. */
    @Embeddable
    public static class Task {
        @Column(nullable = false, length = 200)
        public String responsible;

        @Column(nullable = false, length = 2000)
        public String description;

        public LocalDate deadline;

        @Column(name = "done_on")
        public LocalDate doneOn;

        public Task() {}

        public Task(String responsible, String description, LocalDate deadline, LocalDate doneOn) {
            this.responsible = responsible;
            this.description = description;
            this.deadline = deadline;
            this.doneOn = doneOn;
        }
    }

    /** Where the initiative came from. */
    public enum Origin {
        DEVIATION_ANALYSIS,
        RISK,
        EGENKONTROLL,
        INDICATOR,
        OTHER
    }

    @Id
    public UUID id;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(length = 4000)
    public String description;

    /** A role or function (e.g. "Enhetschef"), not a named person. */
    @Column(nullable = false, length = 200)
    public String responsible;

    public LocalDate deadline;

    @Column(length = 1000)
    public String support;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public Origin origin;

    @Column(name = "origin_ref")
    public UUID originRef;

    @Column(name = "indicator_id")
    public UUID indicatorId;

    @Column(length = 4000)
    public String effect;

    @Column(name = "started_on")
    public LocalDate startedOn;

    @Column(name = "closed_on")
    public LocalDate closedOn;

    /** The later check of whether it had the intended effect; null until checked. */
    public Boolean effective;

    @Column(name = "effect_checked_on")
    public LocalDate effectCheckedOn;

    /** Who does what by when (seed 001's "Ansvarsfördelning" rows with their "Genomfört" box). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "quality_initiative_task", joinColumns = @JoinColumn(name = "initiative_id"))
    @OrderColumn(name = "position")
    public List<Task> tasks = new ArrayList<>();

    @Column(name = "overdue_notified", nullable = false)
    public boolean overdueNotified;

    /** Provenance of an initiative moved in by the history import (null for one recorded here). */
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

    private void moveTo(Status target) {
        if (!status.next().contains(target)) {
            throw ProblemException.conflict(
                            "invalid-transition",
                            "A quality initiative in status " + status + " cannot become " + target)
                    .with("currentState", status.name());
        }
        status = target;
    }

    public void start(LocalDate today, Instant now) {
        moveTo(Status.ONGOING);
        startedOn = today;
        updatedAt = now;
    }

    /** Records the later effect check of a closed initiative (did it have the intended effect?). */
    public void checkEffect(boolean wasEffective, String effectText, LocalDate checkedOn, Instant now) {
        if (isOpen()) {
            throw ProblemException.conflict(
                            "initiative-open", "The effect of a quality initiative is checked after it is closed")
                    .with("currentState", status.name());
        }
        effective = wasEffective;
        effectCheckedOn = checkedOn;
        if (effectText != null) {
            effect = effectText;
        }
        updatedAt = now;
    }

    /** Closes as done or not done, recording the effect; returns the event to publish. */
    public InitiativeCompletedV1 close(Status outcome, String effectText, LocalDate today, Instant now) {
        moveTo(outcome);
        closedOn = today;
        if (effectText != null) {
            effect = effectText;
        }
        updatedAt = now;
        return new InitiativeCompletedV1(
                id,
                orgUnitId,
                outcome.name(),
                origin.name(),
                deadline,
                today,
                deadline == null || !today.isAfter(deadline));
    }

    public boolean isOpen() {
        return status == Status.NOT_STARTED || status == Status.ONGOING;
    }

    /**
     * Overdue on {@code day}: it has a deadline, the day is after it, and it was not closed by then (closed on
     * the day itself counts as closed). From the stored dates, so a past or future day answers as it was or will
     * be; the deadline is the current one (earlier deadlines are not kept).
     */
    public boolean isOverdueOn(LocalDate day) {
        if (deadline == null || !day.isAfter(deadline)) {
            return false;
        }
        return closedOn == null ? isOpen() : closedOn.isAfter(day);
    }

    /** Once, when an open initiative has passed its deadline: the event to publish, else null. */
    public InitiativeOverdueV1 markOverdueIfDue(LocalDate today, Instant now) {
        if (!isOpen() || overdueNotified || deadline == null || !today.isAfter(deadline)) {
            return null;
        }
        overdueNotified = true;
        updatedAt = now;
        return new InitiativeOverdueV1(id, orgUnitId, origin.name(), deadline);
    }
}
