package se.kvalitet.deviation.clock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/** A deadline clock as the API shows it. */
@Schema(name = "Deadline", description = "A deadline clock of the clock engine")
public record Deadline(
        UUID id,
        UUID deviationId,

        @Schema(description = "What it runs for: the track, the action, or the report (triage)")
        UUID subjectId,

        ClockKind kind,
        DeviationCategory trackType,
        UUID orgUnitId,

        @Schema(description = "The policy it started with: 72h, 7d, 2wd (working days) or date (set by a person)")
        String policy,

        Instant startedAt,
        Instant dueSoonAt,
        Instant dueAt,
        Instant stoppedAt,

        @Schema(
                description = "OPEN, DUE_SOON, OVERDUE, MET, MET_LATE, NOT_REQUIRED or CANCELLED, at the"
                        + " request's asOf (default now); NOT_STARTED when asOf is before it started")
        String state) {
    public static Deadline of(DeadlineClock c, Instant now) {
        return new Deadline(
                c.id,
                c.deviationId,
                c.subjectId,
                c.kind,
                c.trackType,
                c.orgUnitId,
                c.policy,
                c.startedAt,
                c.dueSoonAt,
                c.dueAt,
                c.stoppedAt,
                c.state(now));
    }

    public static List<Deadline> of(List<DeadlineClock> clocks, Instant now) {
        return clocks.stream().map(c -> of(c, now)).toList();
    }
}
