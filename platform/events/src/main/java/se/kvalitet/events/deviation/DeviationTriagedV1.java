package se.kvalitet.events.deviation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * The quality team triaged a report into one or more categories (tracks), or reclassified it. The
 * first triage has {@code reclassification=false} and empty {@code previousCategories}; each
 * reclassification publishes the full new set. Tracks that started or ended because of it follow
 * as {@link DeviationTrackOpenedV1} / {@link DeviationTrackClosedV1} (closure {@code RECLASSIFIED}).
 * A deviation counts once however many categories it has (seed 003: 415 reports, 427 assignments).
 *
 * @param deviationId        the report (aggregate id)
 * @param orgUnitId          the org unit where it happened
 * @param involvedOrgUnitIds other org units involved
 * @param categories         the categories now assigned, at least one, sorted, unique
 * @param previousCategories the categories before this triage (empty on the first)
 * @param reclassification   whether this changed an earlier triage
 * @param triagedAt          when the decision was recorded
 */
@EventType(value = DeviationTriagedV1.TYPE, topic = Topics.DEVIATION)
public record DeviationTriagedV1(
        UUID deviationId,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        List<DeviationCategory> categories,
        List<DeviationCategory> previousCategories,
        boolean reclassification,
        Instant triagedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.deviation.triaged.v1";

    public DeviationTriagedV1 {
        involvedOrgUnitIds = involvedOrgUnitIds == null ? List.of() : List.copyOf(involvedOrgUnitIds);
        categories = categories == null ? List.of() : List.copyOf(categories);
        previousCategories = previousCategories == null ? List.of() : List.copyOf(previousCategories);
    }

    @Override
    public String aggregateId() {
        return deviationId.toString();
    }
}
