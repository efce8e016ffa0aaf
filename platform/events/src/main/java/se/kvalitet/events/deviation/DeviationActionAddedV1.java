package se.kvalitet.events.deviation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * An action (åtgärd) was decided on a report.
 *
 * @param deviationId        the report (aggregate id)
 * @param actionId           the action
 * @param trackId            the track it belongs to, or null when it belongs to the report as a whole
 * @param trackType          that track's type, or null
 * @param orgUnitId          the org unit responsible for the action
 * @param deviationOrgUnitId the org unit where the deviation happened
 * @param categories         the report's categories when the action was added
 * @param rootCauses         the root causes the action addresses, unique
 * @param dueDate            when it must be done
 * @param addedAt            when it was recorded
 */
@EventType(value = DeviationActionAddedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationActionAddedV1(
        UUID deviationId,
        UUID actionId,
        UUID trackId,
        DeviationCategory trackType,
        UUID orgUnitId,
        UUID deviationOrgUnitId,
        List<DeviationCategory> categories,
        List<RootCause> rootCauses,
        LocalDate dueDate,
        Instant addedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.action.added.v1";

    public DeviationActionAddedV1 {
        categories = categories == null ? List.of() : List.copyOf(categories);
        rootCauses = rootCauses == null ? List.of() : List.copyOf(rootCauses);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
