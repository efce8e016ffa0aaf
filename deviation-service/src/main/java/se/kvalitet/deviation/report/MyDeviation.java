package se.kvalitet.deviation.report;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A report as its reporter follows it (återkoppling): where it is, and the closing summary written for them. */
@Schema(name = "MyDeviation", description = "One of the caller's own reports and its stage")
public record MyDeviation(
        UUID id,
        String summary,
        UUID orgUnitId,
        Instant occurredAt,
        @Schema(description = "When it was received") Instant reportedAt,

        @Schema(description = "RECEIVED, IN_PROGRESS or CLOSED")
        Deviation.Status stage,

        @Schema(description = "The stage in Swedish, for display", example = "Under handläggning")
        String stageText,

        @Schema(description = "The closing summary written for the reporter, once closed")
        String feedbackToReporter,

        Instant closedAt,
        Instant updatedAt) {}
