package se.kvalitet.events.deviation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A deviation (avvikelse) was reported: staff or a case-management system filed a report.
 * Carries no description and no person: whoever needs the text asks deviation-service with
 * their own token.
 *
 * @param deviationId        the report's id (aggregate id)
 * @param orgUnitId          the org unit where it happened
 * @param involvedOrgUnitIds other org units involved (may be empty)
 * @param channel            how the report arrived: {@code STAFF} or {@code CASE_SYSTEM}
 * @param suggestedCategory  the reporter's suggested category, or null when none was given
 * @param occurredOn         the date it happened (Swedish local date)
 * @param reportedAt         when the report was received
 */
@EventType(value = DeviationReportedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationReportedV1(
        UUID deviationId,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        String channel,
        DeviationCategory suggestedCategory,
        LocalDate occurredOn,
        Instant reportedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.reported.v1";

    public DeviationReportedV1 {
        involvedOrgUnitIds = involvedOrgUnitIds == null ? List.of() : List.copyOf(involvedOrgUnitIds);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
