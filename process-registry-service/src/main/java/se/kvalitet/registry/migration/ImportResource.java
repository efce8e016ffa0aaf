package se.kvalitet.registry.migration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
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
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.migration.ImportDtos.ImportRunResponse;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.imports.ImportRowStatus;
import se.kvalitet.web.imports.ImportRunAnswers;
import se.kvalitet.web.imports.PreferWait;

/** The migration import of governing documents (issue 16 item 1): moving in with years of decided versions. */
@Path("/registry/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Document import (flytt av historik)",
        description = "Moving in: past decided versions of processes, routines, guidelines, checklists and "
                + "cooperation agreements from another system, with their decisions, reviews and withdrawals")
@SecurityRequirement(name = "SecurityScheme")
public class ImportResource {

    private static final String EXAMPLE_NDJSON = "{\"sourceSystem\":\"platina\",\"sourceId\":\"RUT-12:v1\","
            + "\"documentRef\":\"RUT-12\",\"type\":\"ROUTINE\",\"title\":\"Rutin för avvikelsehantering\","
            + "\"content\":\"1. Anmäl ...\",\"responsibilities\":\"Anmäler avvikelsen=Alla medarbetare\","
            + "\"ownerOrgUnitId\":\"00000000-0000-4000-8000-000000000010\","
            + "\"orgUnitIds\":\"00000000-0000-4000-8000-000000000010\",\"reviewInterval\":\"YEARLY\","
            + "\"decidedBy\":\"DEPARTMENT_HEAD\",\"decidedOn\":\"2023-02-01\",\"reviewedOn\":\"2024-01-20\","
            + "\"withdrawnOn\":\"2024-06-01\",\"withdrawalReason\":\"OBSOLETE\"}";

    @Inject
    DocumentImport imports;

    @POST
    @Consumes({ImportFormat.NDJSON_TYPE, ImportFormat.CSV_TYPE})
    @RolesAllowed(Roles.IMPORTER)
    @Operation(
            summary = "Import past decided versions of governing documents (flytt av historik)",
            description = "One row = one decided version of a document (PROCESS, ROUTINE, GUIDELINE, CHECKLIST, "
                    + "COOPERATION_AGREEMENT): its content, its decision (decidedBy, decidedOn, diarienummer, "
                    + "validFrom, nextReviewDate), the reviews carried out on it without changes (reviewedOn, "
                    + "nextReviewDue) and its withdrawal (withdrawnOn, withdrawalReason); the versions of one "
                    + "document share documentRef. NDJSON (one object a line, every value a string, number or boolean) "
                    + "or CSV (a header row naming the same columns), a list field's elements separated by | in "
                    + "both, at most 5 000 rows. Rows are replayed in the "
                    + "order they were decided through the live rules at their own dates, each stored whole or not "
                    + "at all, publishing the same events as live approvals, reviews and withdrawals; a row whose "
                    + "sourceSystem + sourceId was imported before is ALREADY_IMPORTED (nothing stored twice), with "
                    + "other values REJECTED. Answers 201 when every row is done, with each row's outcome (rejected "
                    + "rows name the field and the reason), or, when that takes longer than the wait (Prefer: "
                    + "wait=N seconds, default 20, at most 25), 202 with the run RUNNING: GET on its Location shows "
                    + "every row once it is COMPLETED. The process-registry-service README (Moving in) lists every "
                    + "column.")
    @RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = ImportFormat.NDJSON_TYPE,
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "routine", value = EXAMPLE_NDJSON)),
                @Content(mediaType = ImportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "201",
            description = "The run, with every row's outcome (first page of 20 rows); Location is the run",
            content = @Content(schema = @Schema(implementation = ImportRunResponse.class)))
    @APIResponse(
            responseCode = "202",
            description = "The rows were not all done within the wait: the run, RUNNING; Location is the run",
            content = @Content(schema = @Schema(implementation = ImportRunResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not readable as the format (not UTF-8, malformed CSV, an unknown CSV column), no rows, "
                    + "more than 5 000 rows, or a Prefer wait that is not a number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "Neither application/x-ndjson nor text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response post(
            @HeaderParam("Content-Type") String contentType,
            @Parameter(
                            description = "wait=N: seconds to wait for every row (0-25, default 20); longer runs "
                                    + "answer 202 and go on")
                    @HeaderParam("Prefer")
                    String prefer,
            byte[] body) {
        Duration wait = PreferWait.of(prefer);
        DocumentImport.Started started =
                imports.run(ImportFormat.of(contentType), body == null ? new byte[0] : body, wait);
        ImportRunResponse answer = imports.read(started.runId(), null, 1, 20)
                .map(ImportRunResponse::of)
                .orElseThrow(() -> new IllegalStateException("the run just stored is not readable"));
        return ImportRunAnswers.of(started.completed(), URI.create("/registry/v1/imports/" + started.runId()), answer);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.IMPORTER)
    @Operation(
            summary = "A document import run and its rows' outcomes",
            description = "Who posted it and when, counts, and one page of rows by row number; status filters the "
                    + "rows (REJECTED: what to fix and post again).")
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
                .map(ImportRunResponse::of)
                .orElseThrow(() -> ProblemException.notFound("Import run " + id));
    }
}
