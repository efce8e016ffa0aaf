package se.kvalitet.deviation.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.deviation.report.ExternalReference;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.web.privacy.Identifier;

/** A new report of a deviation (avvikelse), from a member of staff or a case-management system. */
@Schema(name = "ReportDeviationRequest", description = "A new report of a deviation (avvikelse)")
public record ReportDeviationRequest(
        @Schema(description = "Short headline, no personal data", example = "Brukaren fick fel dos", maxLength = 200)
        @NotBlank
        @Size(max = 200)
        String summary,

        @Schema(
                description = "What happened (händelseförlopp)",
                example = "Kvällsdosen gavs två timmar för sent.",
                maxLength = 10000)
        @NotBlank
        @Size(max = 10000)
        String description,

        @Schema(description = "When it happened", example = "2026-11-20T18:30:00Z") @NotNull @PastOrPresent
        Instant occurredAt,

        @Schema(description = "When it was noticed", example = "2026-11-20T20:45:00Z") @PastOrPresent
        Instant noticedAt,

        @Schema(description = "Org unit where it happened", example = "00000000-0000-4000-8000-000000000011") @NotNull
        UUID orgUnitId,

        @Schema(description = "Other org units involved") @Size(max = 20)
        List<@NotNull UUID> involvedOrgUnitIds,

        @Schema(description = "The reporter's suggested category; the quality team decides in triage")
        DeviationCategory suggestedCategory,

        @Schema(
                description = "Immediate actions taken (omedelbara åtgärder)",
                example = "Sjuksköterska kontaktad.",
                maxLength = 4000)
        @Size(max = 4000)
        String immediateActions,

        @Schema(description = "Reference in the source system, for case-management systems") @Valid
        ExternalReference externalReference,

        @Schema(
                description = "Pseudonymous reference to the person affected, as the source system knows them "
                        + "(never a personnummer or a name)",
                example = "p-7f3a91",
                maxLength = 100,
                pattern = "^[A-Za-z0-9._:-]{1,100}$")
        @Size(max = 100)
        @Pattern(regexp = "^[A-Za-z0-9._:-]{1,100}$", message = "must be 1-100 letters A-Z, digits or . _ : -")
        @Identifier
        String affectedPersonRef) {

    /** The intake command this request asks for. */
    public ReportDeviation toCommand() {
        return new ReportDeviation(
                summary,
                description,
                occurredAt,
                noticedAt,
                orgUnitId,
                involvedOrgUnitIds,
                suggestedCategory,
                immediateActions,
                externalReference == null
                        ? null
                        : new ReportDeviation.ExternalReference(externalReference.source(), externalReference.id()),
                affectedPersonRef);
    }
}
