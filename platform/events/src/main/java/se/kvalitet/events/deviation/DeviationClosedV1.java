package se.kvalitet.events.deviation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A report was closed: every track ended and the reporter's closing summary was written.
 * "Median days from report to close" uses {@code daysToClose}.
 *
 * @param deviationId        the report (aggregate id)
 * @param orgUnitId          the org unit where it happened
 * @param involvedOrgUnitIds other org units involved
 * @param categories         the categories it ended with, sorted, unique
 * @param reportedAt         when the report was received
 * @param reportedOn         the Swedish date it was received
 * @param closedAt           when it was closed
 * @param closedOn           the Swedish date it was closed
 * @param daysToClose        calendar days from {@code reportedOn} to {@code closedOn}
 * @param actionCount        actions (åtgärder) recorded on the report
 */
@EventType(value = DeviationClosedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationClosedV1(
        UUID deviationId,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        List<DeviationCategory> categories,
        Instant reportedAt,
        LocalDate reportedOn,
        Instant closedAt,
        LocalDate closedOn,
        int daysToClose,
        int actionCount)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.closed.v1";

    public DeviationClosedV1 {
        involvedOrgUnitIds = involvedOrgUnitIds == null ? List.of() : List.copyOf(involvedOrgUnitIds);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
