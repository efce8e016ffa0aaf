package se.kvalitet.followup.measurement;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
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
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.format.TableFormat;
import se.kvalitet.followup.measurement.MeasurementApi.BulkResult;
import se.kvalitet.followup.measurement.MeasurementApi.MeasurementRequest;
import se.kvalitet.followup.measurement.MeasurementApi.MeasurementResponse;
import se.kvalitet.followup.measurement.MeasurementApi.RevisionResponse;
import se.kvalitet.followup.measurement.MeasurementApi.Values;
import se.kvalitet.followup.support.PeriodParams;
import se.kvalitet.followup.support.RequestValidation;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/followup/v1/measurements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Measurements (mätvärden)",
        description =
                "Values of indicators per org unit, period and gender; bulk upload in CSV or JSON; corrections keep history")
@SecurityRequirement(name = "SecurityScheme")
public class MeasurementResource {

    static final String CSV = "text/csv";

    @Inject
    MeasurementRecording recording;

    @Inject
    MeasurementQueries queries;

    @Inject
    BulkUpload bulkUpload;

    @Inject
    RequestValidation validation;

    @GET
    @RolesAllowed(Roles.STAFF)
    @Operation(
            summary = "List measurements (mätvärden)",
            description =
                    "Sorted by indicator, unit, period and gender; with updatedSince oldest change first, for incremental pulls. "
                            + "Board members (viewer) and BI clients read evaluations and the BI export instead.")
    @APIResponse(responseCode = "200", description = "One page of measurements")
    public Page<MeasurementResponse> list(
            @QueryParam("indicatorId") String indicatorId,
            @Parameter(description = "Only this org unit") @QueryParam("orgUnitId") String orgUnitId,
            @Parameter(description = "With orgUnitId: also every unit below it") @QueryParam("subtree") boolean subtree,
            @Parameter(description = "Exactly this period, e.g. 2025") @QueryParam("period") String period,
            @Parameter(description = "Periods starting at or after the start of this one") @QueryParam("periodFrom")
                    String periodFrom,
            @Parameter(description = "Periods ending at or before the end of this one") @QueryParam("periodTo")
                    String periodTo,
            @Parameter(
                            description = "T (all, default), K (women) or M (men)",
                            schema = @Schema(implementation = se.kvalitet.followup.domain.Enums.Gender.class))
                    @QueryParam("gender")
                    String gender,
            @Parameter(description = "Only measurements changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String updatedSince,
            @BeanParam @Valid PageParams paging) {
        MeasurementQueries.Filter f = new MeasurementQueries.Filter(
                QueryParams.uuid("indicatorId", indicatorId),
                QueryParams.uuid("orgUnitId", orgUnitId),
                subtree,
                period == null ? null : PeriodParams.period(period, "period").code(),
                periodFrom == null ? null : PeriodParams.period(periodFrom, "periodFrom"),
                periodTo == null ? null : PeriodParams.period(periodTo, "periodTo"),
                QueryParams.enumValue("gender", gender, Gender.class),
                QueryParams.instant("updatedSince", updatedSince));
        return queries.list(f, paging.page, paging.limit).map(MeasurementResponse::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "One measurement", description = "With its ETag for corrections.")
    @APIResponse(
            responseCode = "200",
            description = "The measurement",
            content = @Content(schema = @Schema(implementation = MeasurementResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such measurement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Measurement m = queries.get(id);
        return Response.ok(MeasurementResponse.of(m)).tag(ETags.of(m.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Record a measurement",
            description = "The quality team for every unit, unit managers for their units and the units below them. "
                    + "Publishes measurement.recorded and, when the value misses its målvärde, target.missed.")
    @APIResponse(
            responseCode = "201",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = MeasurementResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid, or does not fit the indicator (period, gender, unit of measure)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "This indicator, unit, period and gender is recorded: correct it with PUT",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Free text holds a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid MeasurementRequest request) {
        Measurement m = recording.create(request.toCommand());
        return Response.created(URI.create("/followup/v1/measurements/" + m.id))
                .tag(ETags.of(m.version))
                .entity(MeasurementResponse.of(m))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Correct a measurement",
            description = "Replaces the measured facts as a new revision; earlier revisions are kept. "
                    + "Needs the ETag in If-Match. An identical body changes nothing.")
    @APIResponse(
            responseCode = "200",
            description = "Corrected",
            content = @Content(schema = @Schema(implementation = MeasurementResponse.class)))
    @APIResponse(responseCode = "404", description = "No such measurement")
    public Response correct(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, Values body) {
        Measurement m = queries.get(id);
        // object-level access before the body is judged
        queries.requireWrite(m);
        Measurement corrected =
                recording.correct(id, ifMatch, validation.check(body).toDomain());
        return Response.ok(MeasurementResponse.of(corrected))
                .tag(ETags.of(corrected.version))
                .build();
    }

    @GET
    @Path("{id}/revisions")
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "The history of a measurement",
            description = "Every revision as it was recorded, oldest first, with who recorded it "
                    + "(token subject). For the quality team and the managers of the unit.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @APIResponse(responseCode = "404", description = "No such measurement")
    public List<RevisionResponse> revisions(@PathParam("id") UUID id) {
        return queries.revisions(id).stream().map(RevisionResponse::of).toList();
    }

    @POST
    @Path("bulk")
    @Consumes({CSV, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Upload many measurements (CSV or JSON)",
            description =
                    "Upserts by indicator, unit, period and gender: new rows are recorded, changed rows become a new revision, identical "
                            + "rows change nothing (a re-upload is harmless). Columns: "
                            + "indicatorCode or indicatorId, orgUnitId, period, gender, value, "
                            + "numerator, denominator, responses, responseRate, missingReason, source, comment. CSV: RFC 4180 with a header row, UTF-8, "
                            + "comma or semicolon (detected, or delimiter=), decimal=comma for Swedish Excel. JSON: an array of row objects or "
                            + "{\"rows\": [...]}. Every failing row is reported; nothing is written when any row fails, unless partial=true. At most "
                            + BulkUpload.MAX_BULK_ROWS + " rows.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                                @ExampleObject(
                                        name = "semicolon",
                                        value =
                                                "indicatorCode;orgUnitId;period;gender;value;responses\r\nBRUKARE-PAVERKA;00000000-0000-4000-8000-000000000011;2025;T;84,5;52\r\n")),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.OBJECT),
                        examples =
                                @ExampleObject(
                                        name = "rows",
                                        value =
                                                "{\"rows\":[{\"indicatorCode\":\"BRUKARE-PAVERKA\",\"orgUnitId\":\"00000000-0000-4000-8000-000000000011\",\"period\":\"2025\",\"numerator\":44,\"denominator\":52}]}"))
            })
    @APIResponse(
            responseCode = "200",
            description = "What was written",
            content = @Content(schema = @Schema(implementation = BulkResult.class)))
    @APIResponse(
            responseCode = "400",
            description = "The file cannot be read (not UTF-8, malformed CSV or JSON, unknown column)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "A concurrent upload wrote the same measurement; send again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Some rows are invalid and nothing was written; errors lists each (rows[n].field)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BulkResult bulk(
            @HeaderParam("Content-Type") String contentType,
            @Parameter(description = "Write the valid rows even when some fail") @QueryParam("partial") boolean partial,
            @Parameter(
                            description = "CSV delimiter (detected from the header when absent)",
                            schema = @Schema(enumeration = {"comma", "semicolon", "tab"}))
                    @QueryParam("delimiter")
                    String delimiter,
            @Parameter(
                            description = "CSV decimal separator (default point)",
                            schema =
                                    @Schema(
                                            enumeration = {"point", "comma"},
                                            defaultValue = "point"))
                    @QueryParam("decimal")
                    String decimal,
            InputStream body) {
        boolean csv =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(CSV);
        boolean decimalComma = TableFormat.decimalComma(decimal);
        Character delim = delimiter == null || delimiter.isBlank() ? null : TableFormat.delimiter(delimiter, ',');
        List<MeasurementCommands.RawRow> rows = csv
                ? BulkReader.csv(body, delim, BulkUpload.COLUMNS, BulkUpload.MAX_BULK_ROWS)
                : BulkReader.json(body, BulkUpload.COLUMNS, BulkUpload.MAX_BULK_ROWS);
        return BulkResult.of(bulkUpload.bulk(rows, partial, csv && decimalComma));
    }
}
