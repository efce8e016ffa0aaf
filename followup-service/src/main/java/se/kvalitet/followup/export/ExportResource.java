package se.kvalitet.followup.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.format.TableFormat;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorService;
import se.kvalitet.followup.support.PeriodParams;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgTree;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

@Path("/followup/v1/export")
@Tag(
        name = "BI export",
        description =
                "Flat tables with stable columns for BI tools (machine client bi-reader): CSV (RFC 4180, UTF-8) or JSON, "
                        + "streamed, incremental with a cursor; aggregates only, never case data")
@SecurityRequirement(name = "SecurityScheme")
public class ExportResource {

    static final String CURSOR_HEADER = "X-Next-Cursor";
    static final String MORE_HEADER = "X-Has-More";

    @Inject
    MeasurementExport measurementExport;

    @Inject
    EvaluationExport evaluationExport;

    @Inject
    IndicatorExport indicatorExport;

    @Inject
    IndicatorService indicators;

    @Inject
    OrgCopy orgUnits;

    @GET
    @Path("measurements")
    @Produces({TableFormat.CSV_MEDIA_TYPE, "application/json"})
    @RolesAllowed({Roles.BI_READER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Export measurements (mätvärden), incrementally",
            description =
                    "Columns: measurementId, indicatorId, indicatorCode, orgUnitId, orgUnitName, period, periodType, periodStart, periodEnd, "
                            + "gender (T/K/M), value, numerator, denominator, responses, responseRate, missingReason, source, revision, updatedAt. "
                            + "Free-text comments are not exported; a value backed by fewer answers than the indicator's minimum is empty with "
                            + "missingReason TOO_FEW_RESPONSES. First pull: everything (or updatedSince=); every response carries X-Next-Cursor: "
                            + "send it as cursor= next time to get exactly what changed since, nothing lost to transactions that were still "
                            + "running. With limit=, X-Has-More tells whether to pull again at once. Rows come in change order. "
                            + "format=csv (default) or json; CSV options delimiter=comma|semicolon|tab, decimal=point|comma, bom=true "
                            + "(Swedish Excel: delimiter=semicolon&decimal=comma&bom=true).")
    @APIResponse(
            responseCode = "200",
            description = "The rows, streamed",
            headers = {
                @Header(
                        name = CURSOR_HEADER,
                        description = "Cursor for the next pull",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = MORE_HEADER,
                        description = "true when limit cut the pull short",
                        schema = @Schema(type = SchemaType.BOOLEAN))
            },
            content = {
                @Content(
                        mediaType = "application/json",
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = Map.class,
                                        description =
                                                "format=json: one object per row, the columns as members (an empty cell is null)")),
                @Content(
                        mediaType = TableFormat.CSV_MEDIA_TYPE,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "format=csv (default): RFC 4180 with a header row"))
            })
    @APIResponse(
            responseCode = "400",
            description = "Malformed parameter or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response measurements(
            @BeanParam TableFormatParams tableFormat,
            @Parameter(description = "The X-Next-Cursor of the previous pull") @QueryParam("cursor") String cursor,
            @Parameter(description = "First pull only: rows changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String updatedSince,
            @Parameter(description = "At most this many rows (1-5000000); default all") @QueryParam("limit")
                    Integer limit) {
        TableFormat f = tableFormat.parse();
        if (limit != null && (limit < 1 || limit > 5_000_000)) {
            throw ProblemException.invalidField("limit", "must be between 1 and 5000000");
        }
        Instant since = QueryParams.instant("updatedSince", updatedSince);
        MeasurementExport.Slice slice = measurementExport.slice(cursor, since, limit);
        StreamingOutput body = out -> measurementExport.measurements(slice, f, out);
        return file(body, f, "measurements")
                .header(CURSOR_HEADER, slice.next().encode())
                .header(MORE_HEADER, Boolean.toString(slice.hasMore()))
                .build();
    }

    @GET
    @Path("evaluations")
    @Produces({TableFormat.CSV_MEDIA_TYPE, "application/json"})
    @RolesAllowed({Roles.BI_READER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Export the evaluation of every indicator at every unit for a period",
            description =
                    "Columns: indicatorId, indicatorCode, orgUnitId, orgUnitName, period, gender, status (MET/NOT_MET/NO_DATA/NO_TARGET), "
                            + "value, numerator, denominator, responses, basis, contributingUnits, excludedUnits, missingReason, targetValidFrom, "
                            + "comparator, targetValue, targetUpper, distance, previousPeriod, previousValue, trend, change. Roll-ups from parts, "
                            + "never averages of percentages. Same format options as the measurement export.")
    @APIResponse(
            responseCode = "200",
            description = "The rows, streamed",
            content = {
                @Content(
                        mediaType = "application/json",
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = Map.class,
                                        description =
                                                "format=json: one object per row, the columns as members (an empty cell is null)")),
                @Content(
                        mediaType = TableFormat.CSV_MEDIA_TYPE,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "format=csv (default): RFC 4180 with a header row"))
            })
    public Response evaluations(
            @Parameter(description = "The period, e.g. 2025", required = true) @QueryParam("period") String period,
            @Parameter(
                            description = "T (all, default), K (women) or M (men)",
                            schema = @Schema(implementation = se.kvalitet.followup.domain.Enums.Gender.class))
                    @QueryParam("gender")
                    String gender,
            @QueryParam("criterion") String criterion,
            @BeanParam TableFormatParams tableFormat) {
        TableFormat f = tableFormat.parse();
        Period p = PeriodParams.required(period, "period");
        var g = PeriodParams.gender(gender);
        List<Indicator> all = indicators.all(criterion);
        OrgTree tree = orgUnits.tree();
        StreamingOutput body = out -> evaluationExport.evaluations(all, p, g, tree, f, out);
        return file(body, f, "evaluations-" + p.code()).build();
    }

    @GET
    @Path("indicators")
    @Produces({TableFormat.CSV_MEDIA_TYPE, "application/json"})
    @RolesAllowed({Roles.BI_READER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Export the indicators (nyckeltal) and their målvärden",
            description =
                    "One row per indicator and målvärde. Columns: indicatorId, code, name, criterionCode, goalId, unitOfMeasure, method, "
                            + "frequency, responsibleRole, decimals, genderSplit, koladaKpi, minResponses, derivedMetric, targetValidFrom, comparator, "
                            + "targetValue, targetUpper, updatedAt.")
    @APIResponse(
            responseCode = "200",
            description = "The rows, streamed",
            content = {
                @Content(
                        mediaType = "application/json",
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = Map.class,
                                        description =
                                                "format=json: one object per row, the columns as members (an empty cell is null)")),
                @Content(
                        mediaType = TableFormat.CSV_MEDIA_TYPE,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "format=csv (default): RFC 4180 with a header row"))
            })
    public Response indicators(
            @QueryParam("updatedSince") String updatedSince, @BeanParam TableFormatParams tableFormat) {
        TableFormat f = tableFormat.parse();
        Instant since = QueryParams.instant("updatedSince", updatedSince);
        StreamingOutput body = out -> indicatorExport.indicators(since, f, out);
        return file(body, f, "indicators").build();
    }

    private static Response.ResponseBuilder file(StreamingOutput body, TableFormat f, String name) {
        String ext = f.kind() == TableFormat.Kind.CSV ? ".csv" : ".json";
        return Response.ok(body, f.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + ext + "\"")
                .header("Cache-Control", "no-store");
    }
}
