package se.kvalitet.registry.coverage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.registry.domain.CoverageCalculator;

/** The coverage matrix (seed 002: krav → gällande rutiner → uppföljning/metod → ansvar), computed. */
public final class CoverageDtos {

    private CoverageDtos() {}

    @Schema(name = "CoverageDocument", description = "A document in force that satisfies the requirement")
    public record SatisfyingDocument(
            UUID documentId,
            DocumentType type,
            int version,
            String title,

            @Schema(description = "How it is followed up (uppföljning/metod)")
            FollowUpMethod followUpMethod,

            @Schema(description = "Who answers for it (ansvar)")
            String responsible) {}

    @Schema(
            name = "CoverageRow",
            description = "One applicable requirement: COVERED (every unit it applies to has a document in "
                    + "force for it), PARTIAL (some units lack one) or GAP (no document at all)")
    public record Row(
            UUID requirementItemId,
            String regulationCode,
            String reference,
            String summary,
            CoverageCalculator.State state,
            List<SatisfyingDocument> documents,
            List<UUID> applicableOrgUnitIds,
            List<UUID> uncoveredOrgUnitIds) {}

    @Schema(
            name = "OperatingUnit",
            description = "A unit considered and the verksamheter it runs (directly or through a unit above it)")
    public record OperatingUnit(UUID orgUnitId, List<UUID> verksamhetIds) {}

    @Schema(name = "CoverageSummary")
    public record Summary(int applicable, int covered, int partial, int gaps) {}

    @Schema(
            name = "Coverage",
            description =
                    "Which requirements apply to a unit and the operating units under it, which documents "
                            + "in force satisfy each, how that is followed up and who is responsible, and which have no document (the gaps)")
    public record CoverageResponse(
            UUID orgUnitId,
            LocalDate asOf,
            UUID verksamhetId,
            List<OperatingUnit> operatingUnits,
            Summary summary,
            List<Row> requirements,

            @Schema(description = "The rows that are not COVERED: GAP first, then PARTIAL")
            List<Row> gaps) {}
}
