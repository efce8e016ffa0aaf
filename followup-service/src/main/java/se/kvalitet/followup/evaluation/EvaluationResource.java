package se.kvalitet.followup.evaluation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.evaluation.EvaluationViews.EvaluationResponse;
import se.kvalitet.followup.evaluation.EvaluationViews.SeriesPoint;
import se.kvalitet.followup.evaluation.EvaluationViews.StatisticsResponse;
import se.kvalitet.followup.support.PeriodParams;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;
import se.kvalitet.web.openapi.DeprecatedOperation;

@Path("/followup/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Evaluation (utvärdering)",
        description = "Indicators against their målvärden per unit and period, rolled up the organisation")
@SecurityRequirement(name = "SecurityScheme")
public class EvaluationResource {

    @Inject
    EvaluationQueries queries;

    @GET
    @Path("evaluations")
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "Evaluate indicators against their målvärden",
            description =
                    "Per indicator (by code) and unit (the unit asked for, or the top of the organisation, and depth levels below it): "
                            + "met / not met / no data, distance, trend against the previous period. A unit without its own measurement gets the "
                            + "roll-up of the units below it from numerators and denominators (shares) or response-weighted sums (scales, indexes, days), "
                            + "never an average of percentages. Aggregates only.")
    @APIResponse(responseCode = "200", description = "One page of evaluations; total = indicators × units")
    @APIResponse(
            responseCode = "400",
            description = "Malformed or missing parameter, unknown unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<EvaluationResponse> evaluations(
            @Parameter(description = "The period, e.g. 2025, 2025-T2", required = true) @QueryParam("period")
                    String period,
            @Parameter(description = "The unit (default: the top of the organisation)") @QueryParam("orgUnitId")
                    String orgUnitId,
            @Parameter(description = "Also the units this many levels below (0-50)")
                    @QueryParam("depth")
                    @DefaultValue("0")
                    @Min(0)
                    @Max(50)
                    int depth,
            @QueryParam("indicatorId") String indicatorId,
            @Parameter(description = "Only indicators of this quality criterion") @QueryParam("criterion")
                    String criterion,
            @Parameter(
                            description = "T (all, default), K (women) or M (men)",
                            schema = @Schema(implementation = se.kvalitet.followup.domain.Enums.Gender.class))
                    @QueryParam("gender")
                    String gender,
            @BeanParam @Valid PageParams paging) {
        return queries.page(
                PeriodParams.required(period, "period"),
                PeriodParams.gender(gender),
                QueryParams.uuid("orgUnitId", orgUnitId),
                depth,
                QueryParams.uuid("indicatorId", indicatorId),
                criterion,
                paging.page,
                paging.limit);
    }

    @GET
    @Path("evaluations/series")
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "One indicator at one unit over time",
            description =
                    "The evaluation of each period from from to to (at most " + EvaluationQueries.MAX_SERIES
                            + "), with the Kolada "
                            + "comparison values of the indicator's KPI for the same year (seed 003: survey results over years from Kolada).")
    @APIResponse(responseCode = "200", description = "One point per period")
    public List<SeriesPoint> series(
            @QueryParam("indicatorId") String indicatorId,
            @QueryParam("orgUnitId") String orgUnitId,
            @Parameter(description = "First period, e.g. 2020") @QueryParam("from") String from,
            @Parameter(description = "Last period, e.g. 2025") @QueryParam("to") String to,
            @Parameter(
                            description = "T (all, default), K (women) or M (men)",
                            schema = @Schema(implementation = se.kvalitet.followup.domain.Enums.Gender.class))
                    @QueryParam("gender")
                    String gender) {
        if (indicatorId == null || orgUnitId == null) {
            throw ProblemException.invalidField(indicatorId == null ? "indicatorId" : "orgUnitId", "is required");
        }
        return queries.series(
                QueryParams.uuid("indicatorId", indicatorId),
                QueryParams.uuid("orgUnitId", orgUnitId),
                PeriodParams.required(from, "from"),
                PeriodParams.required(to, "to"),
                PeriodParams.gender(gender));
    }

    @GET
    @Path("deviation-indicators")
    @RolesAllowed(Roles.READERS)
    @Operation(
            operationId = "getDeviationIndicators",
            summary = "Indicators derived from deviations (avvikelser) per unit, by the day each report was received",
            description =
                    "Kept from deviation-service's events, for the indicators DERIVED_FROM_EVENTS: reports per category, lex Sarah "
                            + "judged allvarligt and notified to IVO, data breaches notified to IMY and within 72 hours, median days from report "
                            + "to close, actions done by their due date. A report belongs to the period in which it was RECEIVED (reportedAt), "
                            + "because these indicators measure the handling. Each unit counts itself and every unit below it, each report once. "
                            + "Aggregates only. For how many deviations HAPPENED in a period (the board's statistics), use "
                            + "GET /report/v1/deviation-statistics.")
    @APIResponse(responseCode = "200", description = "One page of units")
    public Page<StatisticsResponse> deviationIndicators(
            @Parameter(description = "The period, e.g. 2025 (by the day each report was received)", required = true)
                    @QueryParam("period")
                    String period,
            @QueryParam("orgUnitId") String orgUnitId,
            @QueryParam("depth") @DefaultValue("0") @Min(0) @Max(50) int depth,
            @BeanParam @Valid PageParams paging) {
        return queries.statistics(
                PeriodParams.required(period, "period"),
                QueryParams.uuid("orgUnitId", orgUnitId),
                depth,
                paging.page,
                paging.limit);
    }

    /** The old name, kept for integrators that use it until its sunset (root README, versioning policy). */
    @GET
    @Path("deviation-statistics")
    @RolesAllowed(Roles.READERS)
    @Operation(
            operationId = "getDeviationStatisticsByReceivedDay",
            summary = "Deprecated: the old name of GET /followup/v1/deviation-indicators",
            deprecated = true,
            description =
                    "The same answer as GET /followup/v1/deviation-indicators (reports counted by the day they were received), "
                            + "under a name that was easy to confuse with GET /report/v1/deviation-statistics (counted by the day they happened). "
                            + "Answers carry Deprecation, Sunset and a Link to the new name; it may be gone after the Sunset date.")
    @APIResponse(responseCode = "200", description = "One page of units")
    @DeprecatedOperation(since = "2026-12-05", sunset = "2027-06-30", successor = "/followup/v1/deviation-indicators")
    public Page<StatisticsResponse> statistics(
            @Parameter(description = "The period, e.g. 2025", required = true) @QueryParam("period") String period,
            @QueryParam("orgUnitId") String orgUnitId,
            @QueryParam("depth") @DefaultValue("0") @Min(0) @Max(50) int depth,
            @BeanParam @Valid PageParams paging) {
        return deviationIndicators(period, orgUnitId, depth, paging);
    }
}
