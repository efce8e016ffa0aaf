package se.kvalitet.report.counts;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "DeviationCounts",
        description = "Reported deviations (avvikelser) per org unit and category in a period")
public record DeviationCounts(
        @Schema(description = "First day of the period (date of occurrence)")
        LocalDate from,

        @Schema(description = "Last day of the period") LocalDate to,

        @Schema(description = "Distinct reports in the period")
        long total,

        List<Cell> items) {

    @Schema(name = "DeviationCountCell")
    public record Cell(
            @Schema(description = "Org unit where it happened")
            UUID orgUnitId,

            @Schema(
                    description = "Category: the reporter's suggestion until triage (UNCLASSIFIED when none)",
                    example = "LEX_SARAH")
            String category,

            long count) {}
}
