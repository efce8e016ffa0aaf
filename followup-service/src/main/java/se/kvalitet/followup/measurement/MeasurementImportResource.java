package se.kvalitet.followup.measurement;

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
import se.kvalitet.followup.measurement.MeasurementImportApi.ImportRunResponse;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.imports.ImportRowStatus;
import se.kvalitet.web.imports.ImportRunAnswers;
import se.kvalitet.web.imports.PreferWait;

/** The migration import of past measurements (issue 16 item 1): moving in with years of follow-up history. */
@Path("/followup/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Measurement import (flytt av historik)",
        description = "Moving in: past measurements from another system, with their source reference")
@SecurityRequirement(name = "SecurityScheme")
public class MeasurementImportResource {

    static final String NDJSON = ImportFormat.NDJSON_TYPE;
    static final String CSV = ImportFormat.CSV_TYPE;

    private static final String EXAMPLE_NDJSON = "{\"sourceSystem\":\"stratsys\",\"sourceId\":\"M-2021-0042\","
            + "\"indicatorCode\":\"SABO-1\",\"orgUnitId\":\"00000000-0000-4000-8000-000000000011\","
            + "\"period\":\"2021\",\"gender\":\"K\",\"numerator\":42,\"denominator\":50}";

    @Inject
    MeasurementImport imports;

    @POST
    @Consumes({NDJSON, CSV})
    @RolesAllowed(Roles.IMPORTER)
    @Operation(
            summary = "Import past measurements (flytt av historik)",
            description = "One row = one measurement of a past period: indicatorCode or indicatorId, orgUnitId, "
                    + "period, gender, value / numerator + denominator / missingReason, responses, responseRate, "
                    + "source, comment (the columns of POST /measurements/bulk, checked by the same rules), with "
                    + "its reference in the system it comes from (sourceSystem, sourceId). NDJSON (one object a line) "
                    + "or CSV (a header row naming the columns), at most 5 000 rows. A row is stored whole or not at "
                    + "all, publishing what a live measurement publishes; a reference imported before with the same "
                    + "values is ALREADY_IMPORTED (nothing stored twice), with other values REJECTED (correct the "
                    + "measurement with PUT); a row whose indicator, unit, period and gender already has a "
                    + "measurement is REJECTED (an import never overwrites). Answers 201 when every row is done, "
                    + "with each row's outcome (rejected rows name the field and the reason); Location is the run. "
                    + "A run of measurements is always done within the request: Prefer: wait is accepted as by "
                    + "deviation-service's import and needs no 202. The followup-service README (Moving in) has an "
                    + "example.")
    @RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = NDJSON,
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "measurement", value = EXAMPLE_NDJSON)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "201",
            description = "The run, with every row's outcome (first page of 20 rows); Location is the run",
            content = @Content(schema = @Schema(implementation = ImportRunResponse.class)))
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
                            description = "wait=N (0-25): accepted for parity with deviation-service's import; a "
                                    + "measurement run always completes within the request")
                    @HeaderParam("Prefer")
                    String prefer,
            byte[] body) {
        PreferWait.seconds(prefer); // only checked: a measurement run is always done within the request
        UUID run = imports.run(ImportFormat.of(contentType), body == null ? new byte[0] : body);
        ImportRunResponse answer = imports.read(run, null, 1, 20)
                .map(ImportRunResponse::of)
                .orElseThrow(() -> new IllegalStateException("the run just stored is not readable"));
        return ImportRunAnswers.done(URI.create("/followup/v1/imports/" + run), answer);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.IMPORTER)
    @Operation(
            summary = "A measurement import run and its rows' outcomes",
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
