package se.kvalitet.deviation.migration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.web.Problem;

/** The API records of the migration import. */
final class ImportDtos {

    private ImportDtos() {}

    @Schema(name = "ImportRun", description = "One posted import file (a run) and how its rows came out")
    record ImportRunResponse(
            @Schema(description = "The run's id") UUID id,

            @Schema(description = "RUNNING while its rows are replayed (or when interrupted), then COMPLETED")
            String status,

            @Schema(description = "NDJSON or CSV") String format,
            @Schema(description = "When it was posted") Instant startedAt,

            @Schema(description = "When its last row was done")
            Instant finishedAt,

            @Schema(description = "Rows in the file") int total,

            @Schema(description = "Rows stored as a new report")
            int accepted,

            @Schema(description = "Rows whose source reference was imported before (nothing stored twice)")
            int alreadyImported,

            @Schema(description = "Rows refused; nothing of them is stored")
            int rejected,

            @Schema(description = "Each row's outcome, by row number")
            ImportRowPage rows) {}

    /**
     * A page of a run's rows: a type of its own, not the generic {@code Page}, whose numbered schema names
     * (Page1, Page2, …) in the released document would shift with every new generic use.
     */
    @Schema(name = "ImportRowPage", description = "A page of an import run's rows, by row number")
    record ImportRowPage(
            @Schema(description = "The rows of this page") List<ImportRowResponse> items,
            @Schema(description = "Page number, from 1") int page,
            @Schema(description = "Page size") int limit,

            @Schema(description = "Rows of the run (with the asked status)")
            long total) {}

    @Schema(name = "ImportRowResult", description = "How one row of an import came out")
    record ImportRowResponse(
            @Schema(
                    description =
                            "The row's number in the file, from 1 (CSV: the header is not counted; blank lines are skipped)")
            int row,

            @Schema(description = "ACCEPTED, ALREADY_IMPORTED or REJECTED")
            String status,

            @Schema(description = "The row's source system, when it had a valid one")
            String sourceSystem,

            @Schema(description = "The row's id in its source system, when valid")
            String sourceId,

            @Schema(description = "The report it became (accepted), or the one imported before (already imported)")
            UUID deviationId,

            @Schema(description = "Why a rejected row was refused: field and reason")
            List<Problem.FieldError> errors) {}
}
