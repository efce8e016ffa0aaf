package se.kvalitet.events.deviation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A deadline clock entered its due-soon window (published once per clock).
 *
 * @param deviationId the report (aggregate id)
 * @param clockId     the clock
 * @param clockKind   which deadline
 * @param subjectId   what the clock runs for: the track, the action, or the report itself (triage)
 * @param trackType   the type of the track the clock belongs to, or null (triage, actions on the whole report)
 * @param orgUnitId   the org unit whose policy applies (the action's unit for action clocks, else where it happened)
 * @param startedAt   when the clock started
 * @param dueAt       when it is due
 * @param dueDate     the Swedish date it is due
 * @param detectedAt  when the scheduler noticed
 */
@EventType(value = DeviationDeadlineDueSoonV1.TYPE, topic = Topics.DEVIATION)
public record DeviationDeadlineDueSoonV1(
        UUID deviationId,
        UUID clockId,
        ClockKind clockKind,
        UUID subjectId,
        DeviationCategory trackType,
        UUID orgUnitId,
        Instant startedAt,
        Instant dueAt,
        LocalDate dueDate,
        Instant detectedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.deadline.due-soon.v1";

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
