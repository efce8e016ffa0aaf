package se.kvalitet.followup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
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
        NOT_STARTED, ONGOING, DONE, NOT_DONE;

        Set<Status> next() {
            return switch (this) {
                case NOT_STARTED -> EnumSet.of(ONGOING, DONE, NOT_DONE);
                case ONGOING -> EnumSet.of(DONE, NOT_DONE);
                case DONE, NOT_DONE -> EnumSet.noneOf(Status.class);
            };
        }
    }

    /** Where the initiative came from. */
    public enum Origin {
        DEVIATION_ANALYSIS, RISK, EGENKONTROLL, INDICATOR, OTHER
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

    @Column(name = "closed_on")
    public LocalDate closedOn;

    @Column(name = "overdue_notified", nullable = false)
    public boolean overdueNotified;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    private void moveTo(Status target) {
        if (!status.next().contains(target)) {
            throw ProblemException.conflict("invalid-transition",
                    "A quality initiative in status " + status + " cannot become " + target)
                    .with("currentState", status.name());
        }
        status = target;
    }

    public void start(Instant now) {
        moveTo(Status.ONGOING);
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
        return new InitiativeCompletedV1(id, orgUnitId, outcome.name(), origin.name(), deadline, today,
                deadline == null || !today.isAfter(deadline));
    }

    public boolean isOpen() {
        return status == Status.NOT_STARTED || status == Status.ONGOING;
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
