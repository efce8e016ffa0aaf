package se.kvalitet.deviation.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.deviation.DeviationCategory;

/** A report in a list: no description or other long free text. */
@Schema(name = "DeviationSummary", description = "A report of a deviation in a list")
public record DeviationSummary(
        UUID id,
        String summary,
        UUID orgUnitId,
        List<UUID> involvedOrgUnitIds,
        Instant occurredAt,
        Deviation.Channel channel,
        ExternalReference externalReference,
        Deviation.Status status,

        @Schema(
                description =
                        "The triaged categories; left out for the one who filed the report and does not work on it")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<DeviationCategory> categories,

        Instant createdAt,
        Instant updatedAt,
        Instant closedAt) {}
