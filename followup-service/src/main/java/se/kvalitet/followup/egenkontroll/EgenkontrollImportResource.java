package se.kvalitet.followup.egenkontroll;

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
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.history.HistoryImport;
import se.kvalitet.followup.history.HistoryImportApi.HistoryRunResponse;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.imports.ImportRowStatus;
import se.kvalitet.web.imports.ImportRunAnswers;
import se.kvalitet.web.imports.PreferWait;

/** The migration import of past egenkontroll occurrences (issue 16 item 1): moving in with what was checked, when. */
@Path(EgenkontrollImportResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "History import (flytt av historik)",
        description = "Moving in: past quality initiatives and egenkontroll occurrences from another system, with"
                + " their real dates and their source reference")
@SecurityRequirement(name = "SecurityScheme")
public class EgenkontrollImportResource {

    static final String PATH = "/followup/v1/imports/egenkontroll-occurrences";

    private static final String EXAMPLE_NDJSON = "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"EK-2023-Q2-11\","
            + "\"planId\":\"6f1c2a84-0b8e-4f7e-9a57-3d2f0f3c9b11\",\"dueOn\":\"2023-06-30\",\"executedOn\":\"2023-07-12\","
            + "\"result\":\"PARTLY_APPROVED\",\"sampleSize\":10,\"deviationsFound\":2,\"actionCount\":1}";

    @Inject
    HistoryImport imports;

    @Inject
    EgenkontrollHistory kind;

    @POST
    @Consumes({ImportFormat.NDJSON_TYPE, ImportFormat.CSV_TYPE})
    @RolesAllowed(Roles.IMPORTER)
    @Operation(
            summary = "Import past egenkontroll occurrences (flytt av historik)",
            description = "One row = one occurrence of an egenkontroll plan here (planId; the plan is created first,"
                    + " retired when it is no longer used) with its due day (dueOn) and what became of it: carried out"
                    + " (executedOn, result, sampleSize, findings, deviationsFound, followUpActions, actionCount, as"
                    + " POST egenkontroll-occurrences/{id}/execution takes them), cancelled (cancelledOn, cancelReason)"
                    + " or neither (still scheduled), and its reference in the system it comes from (sourceSystem,"
                    + " sourceId). NDJSON (one object a line) or CSV (a header row naming the fields), UTF-8, at most"
                    + " 5 000 rows. Each row is checked by the live execution's rules and replayed through the"
                    + " occurrence's transitions at its own dates, publishing what live work publishes"
                    + " (egenkontroll.executed with executedOn; egenkontroll.overdue as of the day after the due day"
                    + " when it was still open then). A plan has one occurrence a day: a row for a day the plan has one"
                    + " already is REJECTED. A reference imported before with the same values is ALREADY_IMPORTED"
                    + " (nothing stored or published), with other values REJECTED. Answers 201 when every row is"
                    + " done (always, within the request); Location is the run. The followup-service README (Moving"
                    + " in) lists every field.")
    @RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = ImportFormat.NDJSON_TYPE,
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "occurrence", value = EXAMPLE_NDJSON)),
                @Content(mediaType = ImportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "201",
            description = "The run, with every row's outcome (first page of 20 rows); Location is the run",
            content = @Content(schema = @Schema(implementation = HistoryRunResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not readable as the format (not UTF-8, malformed CSV, an unknown CSV column), no rows, "
                    + "more than 5 000 rows, or a Prefer wait that is not a number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Another run stored one of the same references at the same moment; nothing of this run "
                    + "was stored: post it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "Neither application/x-ndjson nor text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response post(
            @HeaderParam("Content-Type") String contentType,
            @Parameter(
                            description = "wait=N (0-25): accepted as by every migration import; a run of"
                                    + " occurrences always completes within the request")
                    @HeaderParam("Prefer")
                    String prefer,
            byte[] body) {
        PreferWait.seconds(prefer); // only checked: done within the request
        UUID run = imports.run(kind, ImportFormat.of(contentType), body == null ? new byte[0] : body);
        HistoryRunResponse answer = imports.read(kind.name(), run, null, 1, 20)
                .map(HistoryRunResponse::of)
                .orElseThrow(() -> new IllegalStateException("the run just stored is not readable"));
        return ImportRunAnswers.done(URI.create(PATH + "/" + run), answer);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.IMPORTER)
    @Operation(
            summary = "An egenkontroll occurrence import run and its rows' outcomes",
            description = "Who posted it and when, counts, and one page of rows by row number; status filters the "
                    + "rows (REJECTED: what to fix and post again).")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content = @Content(schema = @Schema(implementation = HistoryRunResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A malformed id, status or page parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such run of egenkontroll occurrences",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HistoryRunResponse get(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "Only rows with this outcome",
                            schema = @Schema(enumeration = {"ACCEPTED", "ALREADY_IMPORTED", "REJECTED"}))
                    @QueryParam("status")
                    String status,
            @Valid @BeanParam PageParams page) {
        return imports.read(kind.name(), id, ImportRowStatus.filter(status), page.page, page.limit)
                .map(HistoryRunResponse::of)
                .orElseThrow(() -> ProblemException.notFound("Import run " + id));
    }
}
