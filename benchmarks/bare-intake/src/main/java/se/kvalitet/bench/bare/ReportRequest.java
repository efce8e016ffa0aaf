package se.kvalitet.bench.bare;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The same request body, with the same Bean Validation constraints, as deviation-service's intake. */
public record ReportRequest(
        @NotBlank @Size(max = 200) String summary,
        @NotBlank @Size(max = 10000) String description,
        @NotNull @PastOrPresent Instant occurredAt,
        @PastOrPresent Instant noticedAt,
        @NotNull UUID orgUnitId,
        @Size(max = 20) List<@NotNull UUID> involvedOrgUnitIds,
        @Pattern(regexp = "[A-Z_]{1,40}") String suggestedCategory,
        @Size(max = 4000) String immediateActions,
        @Valid ExternalReference externalReference,

        @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9._:-]{1,100}$")
        String affectedPersonRef) {

    /** Where a case-management system keeps the same report. */
    public record ExternalReference(
            @NotBlank @Size(max = 100) String source,
            @NotBlank @Size(max = 200) String id) {}
}
