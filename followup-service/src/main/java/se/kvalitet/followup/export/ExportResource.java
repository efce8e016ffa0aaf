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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import se.kvalitet.orgcopy.OrgUnitLookup;
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

    @Inject
    OrgUnitLookup lookup;

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
                    Integer limit,
            @BeanParam ExportScopeParams scope,
            @Parameter(description = "Exactly this period, e.g. 2025, 2025-Q3") @QueryParam("period") String period,
            @Parameter(description = "Periods starting at or after the start of this one, e.g. 2023")
                    @QueryParam("periodFrom")
                    String periodFrom,
            @Parameter(description = "Periods ending at or before the end of this one, e.g. 2025")
                    @QueryParam("periodTo")
                    String periodTo) {
        TableFormat f = tableFormat.parse();
        if (limit != null && (limit < 1 || limit > 5_000_000)) {
            throw ProblemException.invalidField("limit", "must be between 1 and 5000000");
        }
        Instant since = QueryParams.instant("updatedSince", updatedSince);
        ExportFilter filter = filter(scope.indicatorId, scope.orgUnitId, scope.subtree, period, periodFrom, periodTo);
        MeasurementExport.Slice slice = measurementExport.slice(cursor, since, filter, limit);
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
            @Parameter(description = "Only indicators of this quality criterion") @QueryParam("criterion")
                    String criterion,
            @BeanParam TableFormatParams tableFormat,
            @BeanParam ExportScopeParams scope) {
        TableFormat f = tableFormat.parse();
        Period p = PeriodParams.required(period, "period");
        var g = PeriodParams.gender(gender);
        ExportFilter filter = ExportFilter.parse(
                scope.indicatorId, scope.orgUnitId, bool("subtree", scope.subtree), null, null, null);
        // only the indicators asked for are read (by id), so an indicator's export does not grow with their number
        List<Indicator> wanted = filter.indicatorIds().isEmpty()
                ? indicators.all(criterion)
                : indicators.byIds(filter.indicatorIds(), criterion);
        if (!filter.indicatorIds().isEmpty()) {
            Set<UUID> ids = new HashSet<>(filter.indicatorIds());
            if (wanted.size() < ids.size()) {
                wanted.forEach(i -> ids.remove(i.id));
                UUID missing = filter.indicatorIds().stream()
                        .filter(ids::contains)
                        .findFirst()
                        .orElseThrow();
                throw criterion == null
                        ? unknownIndicator(missing)
                        : ProblemException.invalidField(
                                "indicatorId", "no such indicator of criterion " + criterion + ": " + missing);
            }
        }
        // a unit created a moment ago is looked up in the registry at once (platform/orgcopy's OrgUnitLookup)
        boolean unitKnown = filter.orgUnitId() == null || lookup.knows(filter.orgUnitId());
        OrgTree tree = orgUnits.tree();
        List<UUID> units = null;
        if (filter.orgUnitId() != null) {
            if (!unitKnown) {
                throw unknownUnit();
            }
            units = filter.subtree()
                    ? tree.preorder(filter.orgUnitId(), Integer.MAX_VALUE)
                    : List.of(filter.orgUnitId());
        }
        List<Indicator> chosen = wanted;
        List<UUID> at = units;
        StreamingOutput body = out -> evaluationExport.evaluations(chosen, p, g, tree, at, f, out);
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
            @Parameter(description = "Only indicators changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String updatedSince,
            @BeanParam TableFormatParams tableFormat,
            @Parameter(
                            description =
                                    "Only these indicators: repeat the parameter or separate ids by commas (at most 200); an "
                                            + "unknown id is a 400")
                    @QueryParam("indicatorId")
                    List<String> indicatorId) {
        TableFormat f = tableFormat.parse();
        Instant since = QueryParams.instant("updatedSince", updatedSince);
        ExportFilter filter = ExportFilter.parse(indicatorId, null, null, null, null, null);
        UUID unknown = indicatorExport.firstUnknown(filter.indicatorIds());
        if (unknown != null) {
            throw unknownIndicator(unknown);
        }
        StreamingOutput body = out -> indicatorExport.indicators(since, filter.indicatorIds(), f, out);
        return file(body, f, "indicators").build();
    }

    /** The filters of a measurement pull, checked against the indicators and the organisation copy. */
    private ExportFilter filter(
            List<String> indicatorId,
            String orgUnitId,
            String subtree,
            String period,
            String periodFrom,
            String periodTo) {
        ExportFilter filter =
                ExportFilter.parse(indicatorId, orgUnitId, bool("subtree", subtree), period, periodFrom, periodTo);
        UUID unknown = indicatorExport.firstUnknown(filter.indicatorIds());
        if (unknown != null) {
            throw unknownIndicator(unknown);
        }
        if (filter.orgUnitId() == null) {
            return filter;
        }
        if (!lookup.knows(filter.orgUnitId())) {
            throw unknownUnit();
        }
        return filter.withUnits(
                filter.subtree() ? orgUnits.subtree(List.of(filter.orgUnitId())) : Set.of(filter.orgUnitId()));
    }

    private static ProblemException unknownIndicator(UUID id) {
        return ProblemException.invalidField("indicatorId", "no such indicator: " + id);
    }

    private static ProblemException unknownUnit() {
        return ProblemException.invalidField("orgUnitId", "no such org unit (as published by the process registry)");
    }

    /** true, false or not given (null); anything else is a 400 naming the parameter. */
    private static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalidField(name, "must be true or false");
        };
    }

    private static Response.ResponseBuilder file(StreamingOutput body, TableFormat f, String name) {
        String ext = f.kind() == TableFormat.Kind.CSV ? ".csv" : ".json";
        return Response.ok(body, f.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + ext + "\"")
                .header("Cache-Control", "no-store");
    }
}
