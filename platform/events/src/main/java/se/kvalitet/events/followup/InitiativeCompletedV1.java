package se.kvalitet.events.followup;

import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A quality initiative (kvalitetsinsats) was closed: done (genomförd) or not done (ej genomförd).
 *
 * @param initiativeId  the initiative (aggregate id)
 * @param orgUnitId     the org unit that owns it
 * @param outcome       {@code DONE} or {@code NOT_DONE}
 * @param origin        {@code DEVIATION_ANALYSIS}, {@code RISK}, {@code EGENKONTROLL}, {@code INDICATOR} or {@code OTHER}
 * @param deadline      its deadline, may be null
 * @param closedOn      the date it was closed
 * @param onTime        whether it was closed on or before the deadline (true when there is none)
 */
@EventType(value = InitiativeCompletedV1.TYPE, topic = Topics.FOLLOWUP)
public record InitiativeCompletedV1(
        UUID initiativeId,
        UUID orgUnitId,
        String outcome,
        String origin,
        LocalDate deadline,
        LocalDate closedOn,
        boolean onTime)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.initiative.completed.v1";

    @Override
    public String aggregateId() {
        return initiativeId.toString();
    }
}
