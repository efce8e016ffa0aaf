package se.kvalitet.deviation.action;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import se.kvalitet.events.deviation.RootCause;

/**
 * An action (åtgärd) decided on a report: who owns it, in which unit, by when, how far it got, and
 * a later check of whether it had the intended effect. Overdue is computed, never stored.
 */
@Entity
@Table(name = "deviation_action")
public class DeviationAction {

    /** PLANNED → IN_PROGRESS → DONE; PLANNED or IN_PROGRESS → CANCELLED (with a reason). DONE and CANCELLED are final. */
    public enum Status {
        PLANNED,
        IN_PROGRESS,
        DONE,
        CANCELLED;

        public boolean isOpen() {
            return this == PLANNED || this == IN_PROGRESS;
        }

        /** Whether an action in this status may move to {@code next}. */
        public boolean canMoveTo(Status next) {
            return isOpen() && next != this && !(this == IN_PROGRESS && next == PLANNED);
        }
    }

    @Id
    public UUID id;

    @Column(name = "deviation_id", nullable = false)
    public UUID deviationId;

    @Column(name = "track_id")
    public UUID trackId;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(length = 4000)
    public String description;

    /** Username of the person responsible. */
    @Column(nullable = false, length = 200)
    public String owner;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(name = "done_date")
    public LocalDate doneDate;

    @Column(name = "cancel_reason", length = 4000)
    public String cancelReason;

    /** When the effect is to be checked (optional; set when planned or when done). */
    @Column(name = "effect_check_due")
    public LocalDate effectCheckDue;

    @Column(name = "effect_checked_on")
    public LocalDate effectCheckedOn;

    public Boolean effective;

    @Column(name = "effect_comment", length = 4000)
    public String effectComment;

    @Column(name = "effect_checked_by", length = 200)
    public String effectCheckedBy;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "deviation_action_root_cause", joinColumns = @JoinColumn(name = "action_id"))
    @Column(name = "root_cause")
    @Enumerated(EnumType.STRING)
    public Set<RootCause> rootCauses = new TreeSet<>();

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Open and past its due date (the due date itself is still on time). */
    public boolean overdue(LocalDate today) {
        return status.isOpen() && today.isAfter(dueDate);
    }

    public static Set<RootCause> causes(Set<RootCause> given) {
        return given == null || given.isEmpty() ? new TreeSet<>() : new TreeSet<>(EnumSet.copyOf(given));
    }
}
