package se.kvalitet.deviation.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.deviation.Deviation;
import se.kvalitet.events.deviation.DeviationCategory;

@Schema(name = "Deviation", description = "A report of a deviation (avvikelse)")
public record DeviationResponse(
        UUID id,
        String summary,
        String description,
        Instant occurredAt,
        Instant noticedAt,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        DeviationCategory suggestedCategory,
        String immediateActions,
        Deviation.Channel channel,
        ReportDeviationRequest.ExternalReference externalReference,
        @Schema(description = "The report's current stage") Deviation.Status status,
        Instant createdAt,
        Instant updatedAt) {
}
