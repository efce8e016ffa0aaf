package se.kvalitet.followup.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.web.Problem;

/** The API records of the history import (past quality initiatives and egenkontroll occurrences; issue 16 item 1). */
public final class HistoryImportApi {

    private HistoryImportApi() {}

    @Schema(
            name = "FollowupHistoryImportRun",
            description = "One posted history import file (a run) of one kind and how its rows came out")
    public record HistoryRunResponse(
            @Schema(description = "The run's id (the importRunId of the records it brought in)")
            UUID id,

            @Schema(
                    description = "What its rows are",
                    enumeration = {"QUALITY_INITIATIVE", "EGENKONTROLL_OCCURRENCE"})
            String kind,

            @Schema(description = "COMPLETED: a run is done within its request")
            String status,

            @Schema(description = "NDJSON or CSV") String format,

            @Schema(description = "Who posted it (the token's subject)")
            String importedBy,

            @Schema(description = "When it was posted") Instant startedAt,

            @Schema(description = "When its last row was done")
            Instant finishedAt,

            @Schema(description = "Rows in the file") int total,

            @Schema(description = "Rows stored as a new record")
            int accepted,

            @Schema(description = "Rows whose sourceSystem + sourceId was imported before with the same values")
            int alreadyImported,

            @Schema(description = "Rows refused; nothing of them is stored")
            int rejected,

            @Schema(description = "Each row's outcome, by row number")
            HistoryRowPage rows) {

        public static HistoryRunResponse of(HistoryImport.RunView v) {
            HistoryImportRun r = v.run();
            return new HistoryRunResponse(
                    r.id,
                    r.kind,
                    r.status,
                    r.format,
                    r.importedBy,
                    r.startedAt,
                    r.finishedAt,
                    r.total,
                    r.accepted,
                    r.alreadyImported,
                    r.rejected,
                    new HistoryRowPage(
                            v.rows().stream().map(HistoryRowResponse::of).toList(),
                            v.page(),
                            v.limit(),
                            v.totalRows()));
        }
    }

    @Schema(name = "FollowupHistoryImportRowPage", description = "A page of a history import run's rows, by row number")
    public record HistoryRowPage(
            @Schema(description = "The rows of this page") List<HistoryRowResponse> items,
            @Schema(description = "Page number, from 1") int page,
            @Schema(description = "Page size") int limit,

            @Schema(description = "Rows of the run (with the asked status)")
            long total) {}

    @Schema(name = "FollowupHistoryImportRowResult", description = "How one row of a history import came out")
    public record HistoryRowResponse(
            @Schema(
                    description = "The row's number in the file, from 1 (CSV: the header is not counted; blank lines"
                            + " are skipped)")
            int row,

            @Schema(description = "ACCEPTED, ALREADY_IMPORTED or REJECTED")
            String status,

            @Schema(description = "The row's source system (not echoed for a rejected row)")
            String sourceSystem,

            @Schema(description = "The row's id in its source system (not echoed for a rejected row)")
            String sourceId,

            @Schema(
                    description = "The quality initiative or egenkontroll occurrence it became (accepted) or became"
                            + " before (already imported)")
            UUID recordId,

            @Schema(description = "Why a rejected row was refused: field and reason (never the value)")
            List<Problem.FieldError> errors) {

        static HistoryRowResponse of(HistoryImport.RowView r) {
            return new HistoryRowResponse(
                    r.row(), r.status().name(), r.sourceSystem(), r.sourceId(), r.recordId(), r.errors());
        }
    }
}
