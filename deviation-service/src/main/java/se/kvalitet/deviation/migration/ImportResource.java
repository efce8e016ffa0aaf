package se.kvalitet.deviation.migration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.migration.ImportDtos.ImportRowResponse;
import se.kvalitet.deviation.migration.ImportDtos.ImportRunResponse;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.imports.ImportRowStatus;
import se.kvalitet.web.imports.ImportRunAnswers;
import se.kvalitet.web.imports.PreferWait;

/** The migration import: past years' reports moved in from another system (issue 16 item 1). */
@Path("/deviation/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Migration import (flytt av historik)",
        description = "Moving in: past years' reports from another system, with their original dates")
@SecurityRequirement(name = "SecurityScheme")
public class ImportResource {

    static final String NDJSON = ImportFormat.NDJSON_TYPE;
    static final String CSV = ImportFormat.CSV_TYPE;

    private static final String EXAMPLE_NDJSON = "{\"sourceSystem\":\"flexite\",\"sourceId\":\"AV-2023-0042\","
            + "\"receivedAt\":\"2023-03-14T09:30:00+01:00\",\"occurredAt\":\"2023-03-13T18:30:00+01:00\","
            + "\"orgUnitId\":\"00000000-0000-4000-8000-000000000011\",\"category\":\"LEX_SARAH\","
            + "\"summary\":\"Utebliven insats\",\"triagedAt\":\"2023-03-15T10:00:00+01:00\","
            + "\"assessment\":\"MISSFORHALLANDE\",\"serious\":true,\"assessedAt\":\"2023-03-20T10:00:00+01:00\","
            + "\"notificationSentAt\":\"2023-03-30T10:00:00+02:00\",\"completedAt\":\"2023-04-20T10:00:00+02:00\","
            + "\"closedAt\":\"2023-04-21T10:00:00+02:00\"}";

    @Inject
    MigrationImport imports;

    @POST
    @Consumes({NDJSON, CSV})
    @RolesAllowed(Roles.IMPORTER)
    @Operation(
            summary = "Import past reports (flytt av historik)",
            description = "One row = one historical report with its original dates: received, occurred, unit, one "
                    + "category, triage, lex Sarah / lex Maria assessment, IVO / IMY notifications, breach awareness, "
                    + "complaint received/answered, position (completed) and closing. NDJSON (one object a line) or "
                    + "CSV (a header row naming the same fields), at most 5 000 rows and 1 MB per request. Each row "
                    + "is replayed through the live rules at its own dates and stored whole or not at all (row by "
                    + "row atomic), publishing the same events as live work; a row whose sourceSystem + sourceId was "
                    + "imported before is ALREADY_IMPORTED (nothing stored twice). Answers when every row is done, "
                    + "with each row's outcome (201; rejected rows name the field and the reason), or, when that takes "
                    + "longer than the wait (Prefer: wait=N seconds, default 20, at most 25: under the gateway's "
                    + "timeout), 202 with the run still RUNNING: it goes on, and GET on its Location shows every row "
                    + "when it is COMPLETED. The deviation-service README (Moving in) lists every field.")
    @RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = NDJSON,
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "lexSarah", value = EXAMPLE_NDJSON)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "201",
            description = "The run, with every row's outcome; Location is the run",
            content = @Content(schema = @Schema(implementation = ImportRunResponse.class)))
    @APIResponse(
            responseCode = "202",
            description = "Not done within the wait: the run (RUNNING, no rows yet) goes on; Location is the run, "
                    + "Retry-After when to look",
            content = @Content(schema = @Schema(implementation = ImportRunResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not readable as the format, an unknown CSV column, no rows, or more than 5 000 rows",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "The body is over 1 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "Neither application/x-ndjson nor text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response post(
            @jakarta.ws.rs.HeaderParam("Content-Type") String contentType,
            @Parameter(
                            description =
                                    "wait=N: seconds to wait for every row before answering 202 (0-25, default 20)",
                            example = "wait=20")
                    @jakarta.ws.rs.HeaderParam("Prefer")
                    String prefer,
            byte[] body) {
        // UTF-8 always (a charset parameter naming another is not honoured; the README says so)
        MigrationImport.Outcome outcome = imports.run(
                ImportFormat.of(contentType),
                body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8),
                PreferWait.of(prefer));
        URI location = URI.create("/deviation/v1/imports/" + outcome.run().id());
        return ImportRunAnswers.of(outcome.done(), location, toResponse(outcome.run()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.IMPORTER)
    @Operation(
            summary = "An import run and its rows' outcomes",
            description = "Counts and one page of rows by row number; status filters the rows (REJECTED: what to fix "
                    + "and post again).")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content = @Content(schema = @Schema(implementation = ImportRunResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A malformed id, status or page parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportRunResponse get(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "Only rows with this outcome",
                            schema = @Schema(enumeration = {"ACCEPTED", "ALREADY_IMPORTED", "REJECTED"}))
                    @QueryParam("status")
                    String status,
            @Valid @BeanParam PageParams page) {
        return imports.read(id, ImportRowStatus.filter(status), page.page, page.limit)
                .map(ImportResource::toResponse)
                .orElseThrow(() -> ProblemException.notFound("Import run " + id));
    }

    static ImportRunResponse toResponse(MigrationImport.Run run) {
        Page<ImportRowResponse> page = run.rows()
                .map(r -> new ImportRowResponse(
                        r.row(),
                        r.status().name(),
                        r.sourceSystem(),
                        r.sourceId(),
                        r.deviationId(),
                        r.errors() == null ? List.of() : r.errors()));
        ImportDtos.ImportRowPage rows =
                new ImportDtos.ImportRowPage(page.items(), page.page(), page.limit(), page.total());
        return new ImportRunResponse(
                run.id(),
                run.status(),
                run.format(),
                run.startedAt(),
                run.finishedAt(),
                run.total(),
                run.accepted(),
                run.alreadyImported(),
                run.rejected(),
                rows);
    }
}
