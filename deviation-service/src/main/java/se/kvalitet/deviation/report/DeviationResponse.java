package se.kvalitet.deviation.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
        ExternalReference externalReference,

        @Schema(description = "Pseudonymous reference to the person affected")
        String affectedPersonRef,

        @Schema(description = "The report's current stage") Deviation.Status status,

        @Schema(
                description =
                        "The categories (tracks) the quality team triaged it into; empty before triage. Left out for "
                                + "the one who filed the report and does not work on it (a reporter, a case-management system): the "
                                + "classification (lex Sarah, lex Maria, ...) is internal")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<DeviationCategory> categories,

        @Schema(description = "Tracks opened by triage, current and ended; left out like categories")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Track> tracks,

        @Schema(description = "The closing summary written for the reporter (återkoppling), once closed")
        String feedbackToReporter,

        Instant createdAt,
        Instant updatedAt,
        Instant closedAt) {

    /** A track as the API shows it. */
    @Schema(name = "DeviationTrack")
    public record Track(
            UUID id,
            DeviationCategory category,

            @Schema(description = "OPEN, INVESTIGATING, ASSESSED, or how it ended: COMPLETED or RECLASSIFIED")
            String state,

            Instant openedAt,
            Instant closedAt) {}
}
