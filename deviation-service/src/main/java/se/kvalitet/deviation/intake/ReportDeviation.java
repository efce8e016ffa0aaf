package se.kvalitet.deviation.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.kvalitet.deviation.report.ExternalReference;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * The intake command: a new report as the REST layer validated it. Its components mirror
 * {@link ReportDeviationRequest} one to one, so an Idempotency-Key's request hash (the JSON of this
 * command) is the same as it was for the request.
 */
public record ReportDeviation(
        String summary,
        String description,
        Instant occurredAt,
        Instant noticedAt,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        DeviationCategory suggestedCategory,
        String immediateActions,
        ExternalReference externalReference,
        String affectedPersonRef) {

    /** Where a case-management system keeps the same report. */
    public record ExternalReference(String source, String id) {}
}
