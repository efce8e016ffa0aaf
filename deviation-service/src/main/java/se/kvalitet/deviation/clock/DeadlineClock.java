package se.kvalitet.deviation.clock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * One running or stopped deadline: what it runs for, when it started and is due, when it was met
 * (stopped), and whether its due-soon and overdue events went out (each exactly once).
 */
@Entity
@Table(name = "deadline_clock")
public class DeadlineClock {

    @Id
    public UUID id;

    @Column(name = "deviation_id", nullable = false)
    public UUID deviationId;

    /** The track, the action, or the report itself (triage). */
    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "track_type", length = 40)
    public DeviationCategory trackType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public ClockKind kind;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    /** The policy it was started with, e.g. {@code 72h}, {@code 2wd}. */
    @Column(nullable = false, length = 40)
    public String policy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "due_soon_at", nullable = false)
    public Instant dueSoonAt;

    @Column(name = "stopped_at")
    public Instant stoppedAt;

    /** MET, NOT_REQUIRED, CANCELLED. */
    @Column(name = "stop_reason", length = 20)
    public String stopReason;

    @Column(name = "due_soon_published_at")
    public Instant dueSoonPublishedAt;

    @Column(name = "overdue_published_at")
    public Instant overduePublishedAt;

    /**
     * Its state at the instant {@code at} (now, or a request's asOf), from the stored instants: NOT_STARTED before it
     * started; OPEN, DUE_SOON or OVERDUE (from the due instant itself on) while running; how it stopped, and whether
     * it was met on time, from the instant it stopped. A clock stopped after {@code at} was still running then.
     */
    public String state(Instant at) {
        if (stoppedAt != null && !stoppedAt.isAfter(at)) {
            return "MET".equals(stopReason) ? (stoppedAt.isAfter(dueAt) ? "MET_LATE" : "MET") : stopReason;
        }
        if (startedAt.isAfter(at)) {
            return "NOT_STARTED";
        }
        if (!at.isBefore(dueAt)) {
            return "OVERDUE";
        }
        return at.isBefore(dueSoonAt) ? "OPEN" : "DUE_SOON";
    }
}
