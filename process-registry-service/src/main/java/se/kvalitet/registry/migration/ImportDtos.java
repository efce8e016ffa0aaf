package se.kvalitet.registry.migration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.web.Problem;

/** The API records of the migration import of governing documents (issue 16 item 1). */
public final class ImportDtos {

    private ImportDtos() {}

    @Schema(
            name = "DocumentImportRun",
            description = "One posted document import file (a run) and how its rows came out")
    public record ImportRunResponse(
            @Schema(description = "The run's id (the importRunId in the provenance of the versions it brought in)")
            UUID id,

            @Schema(
                    description =
                            "RUNNING while its rows are replayed, COMPLETED when every row has its outcome, "
                                    + "INTERRUPTED when the service stopped in the middle (its stored rows stand; post the file again)")
            String status,

            @Schema(description = "NDJSON or CSV") String format,

            @Schema(description = "Who posted it (the token's subject)")
            String importedBy,

            @Schema(description = "When it was posted") Instant startedAt,

            @Schema(description = "When its last row was done")
            Instant finishedAt,

            @Schema(description = "Rows in the file") int total,

            @Schema(description = "Rows stored as a decided version")
            int accepted,

            @Schema(description = "Rows whose sourceSystem + sourceId was imported before with the same values")
            int alreadyImported,

            @Schema(description = "Rows refused; nothing of them is stored")
            int rejected,

            @Schema(description = "Each row's outcome, by row number (once COMPLETED)")
            ImportRowPage rows) {

        static ImportRunResponse of(DocumentImport.RunView v) {
            DocumentImportRun r = v.run();
            return new ImportRunResponse(
                    r.id,
                    r.status,
                    r.format,
                    r.importedBy,
                    r.startedAt,
                    r.finishedAt,
                    r.total,
                    r.accepted,
                    r.alreadyImported,
                    r.rejected,
                    new ImportRowPage(
                            v.rows().stream().map(ImportRowResponse::of).toList(), v.page(), v.limit(), v.totalRows()));
        }
    }

    @Schema(name = "DocumentImportRowPage", description = "A page of a document import run's rows, by row number")
    public record ImportRowPage(
            @Schema(description = "The rows of this page") List<ImportRowResponse> items,
            @Schema(description = "Page number, from 1") int page,
            @Schema(description = "Page size") int limit,

            @Schema(description = "Rows of the run (with the asked status)")
            long total) {}

    @Schema(name = "DocumentImportRowResult", description = "How one row of a document import came out")
    public record ImportRowResponse(
            @Schema(
                    description = "The row's number in the file, from 1 (CSV: the header is not counted; NDJSON: "
                            + "blank lines are skipped)")
            int row,

            @Schema(description = "ACCEPTED, ALREADY_IMPORTED or REJECTED")
            String status,

            @Schema(description = "The row's source system (not echoed for a rejected row)")
            String sourceSystem,

            @Schema(description = "The row's id in its source system (not echoed for a rejected row)")
            String sourceId,

            @Schema(description = "The document the version belongs to (accepted or already imported)")
            UUID documentId,

            @Schema(description = "The version's number in the registry (accepted or already imported)")
            Integer version,

            @Schema(description = "Why a rejected row was refused: field and reason (never the value)")
            List<Problem.FieldError> errors) {

        static ImportRowResponse of(DocumentImport.RowView r) {
            return new ImportRowResponse(
                    r.row(),
                    r.status().name(),
                    r.sourceSystem(),
                    r.sourceId(),
                    r.documentId(),
                    r.version(),
                    r.errors());
        }
    }
}
