package se.kvalitet.registry.risk;

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
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.events.registry.RiskSubjectKind;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.risk.RiskDtos.AnalysisRequest;
import se.kvalitet.registry.risk.RiskDtos.AssessmentRequest;
import se.kvalitet.registry.risk.RiskDtos.RiskRequest;
import se.kvalitet.registry.risk.RiskViews.AnalysisListItem;
import se.kvalitet.registry.risk.RiskViews.AnalysisResponse;
import se.kvalitet.registry.risk.RiskViews.AssessmentResponse;
import se.kvalitet.registry.risk.RiskViews.MatrixResponse;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

@Path("/registry/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Risk analyses (riskanalys)",
        description = "SOSFS 2011:9 5 kap. 1 §: for a process, an activity or a planned change, "
                + "the events that could bring quality deficiencies with likelihood and consequence, score, matrix class, causes and "
                + "measures; every re-assessment kept; an aggregated matrix per unit subtree")
@SecurityRequirement(name = "SecurityScheme")
public class RiskResource {

    @Inject
    RiskService service;

    @Inject
    RiskQueries queries;

    @Inject
    OrgUnitService orgUnits;

    @GET
    @Path("risk-analyses")
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.PROCESS_OWNER,
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.MEDICALLY_RESPONSIBLE
    })
    @Operation(
            summary = "List risk analyses",
            description = "Newest first (analysedOn, then id). Unit managers and process owners see those of their "
                    + "own part of the organisation. Pages do not get slower as the analyses accumulate: follow "
                    + "nextCursor (send it as cursor with the same filters) to page through any number of analyses; "
                    + "page/limit reach the first "
                    + RiskQueries.MAX_WINDOW
                    + " analyses. total is exact when only unit (or the caller's part) filters; with another filter "
                    + "it is exact up to "
                    + RiskQueries.TOTAL_CAP
                    + " analyses, above that totalExact is false and total is that lower bound.")
    @APIResponse(responseCode = "200", description = "One page of analyses")
    @APIResponse(
            responseCode = "400",
            description = "A filter, the cursor or the page is invalid (a page beyond the first "
                    + RiskQueries.MAX_WINDOW
                    + " analyses: follow nextCursor)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AnalysisListItem> list(
            @Parameter(description = "Only analyses of this unit and the units under it") @QueryParam("unit")
                    String unit,
            @Parameter(
                            description = "PROCESS, ACTIVITY, PLANNED_CHANGE",
                            schema = @Schema(implementation = RiskSubjectKind.class))
                    @QueryParam("subjectKind")
                    String subjectKind,
            @QueryParam("processId") String processId,
            @Parameter(description = "OPEN or COMPLETED", schema = @Schema(implementation = RiskAnalysis.Status.class))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "Only analyses changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String since,
            @Parameter(
                            description =
                                    "Continue after the page that returned this nextCursor (opaque; same filters; not with page)")
                    @QueryParam("cursor")
                    String cursor,
            @BeanParam @Valid PageParams paging) {
        return queries.list(
                new RiskQueries.Filter(
                        QueryParams.uuid("unit", unit),
                        QueryParams.enumValue("subjectKind", subjectKind, RiskSubjectKind.class),
                        QueryParams.uuid("processId", processId),
                        QueryParams.enumValue("status", status, RiskAnalysis.Status.class),
                        QueryParams.instant("updatedSince", since)),
                paging.page,
                paging.limit,
                cursor);
    }

    @POST
    @Path("risk-analyses")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER, Roles.UNIT_MANAGER})
    @Operation(summary = "Start a risk analysis (riskanalys)")
    @APIResponse(
            responseCode = "201",
            description = "Created; ETag for the next change",
            content = @Content(schema = @Schema(implementation = AnalysisResponse.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown unit, process or activity, or a personal identity number in the text",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid AnalysisRequest r) {
        RiskAnalysis a = service.create(null, r.toCommand());
        return Response.created(URI.create("/registry/v1/risk-analyses/" + a.id))
                .tag(ETags.of(queries.etag(a.id)))
                .entity(queries.response(a.id))
                .build();
    }

    @GET
    @Path("risk-analyses/{id}")
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.PROCESS_OWNER,
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.MEDICALLY_RESPONSIBLE
    })
    @Operation(summary = "One risk analysis with its risks as last assessed and their measures")
    @APIResponse(
            responseCode = "200",
            description = "The analysis; ETag",
            content = @Content(schema = @Schema(implementation = AnalysisResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such analysis (or not of the caller's part of the organisation)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return Response.ok(queries.response(id)).tag(ETags.of(queries.etag(id))).build();
    }

    @PUT
    @Path("risk-analyses/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER, Roles.UNIT_MANAGER})
    @Operation(
            summary = "Replace the analysis's header (subject, unit, participants, status)",
            description = "If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The analysis",
            content = @Content(schema = @Schema(implementation = AnalysisResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such analysis",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown reference or a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid AnalysisRequest r) {
        service.replace(id, ifMatch, r.toCommand());
        return Response.ok(queries.response(id)).tag(ETags.of(queries.etag(id))).build();
    }

    @POST
    @Path("risk-analyses/{id}/risks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER, Roles.UNIT_MANAGER})
    @Operation(
            summary = "Add a risk with its first assessment",
            description =
                    "Likelihood and consequence 1-4; score and matrix class follow. Publishes risk.assessed. If-Match of the analysis.")
    @APIResponse(
            responseCode = "201",
            description = "The analysis with the new risk",
            content = @Content(schema = @Schema(implementation = AnalysisResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such analysis",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The analysis is completed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown unit or a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addRisk(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid RiskRequest r) {
        Risk risk = service.addRisk(id, ifMatch, r.toCommand());
        return Response.created(URI.create("/registry/v1/risk-analyses/" + id + "/risks/" + risk.id + "/assessments"))
                .tag(ETags.of(queries.etag(id)))
                .entity(queries.response(id))
                .build();
    }

    @POST
    @Path("risk-analyses/{id}/risks/{riskId}/assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN, Roles.PROCESS_OWNER, Roles.UNIT_MANAGER})
    @Operation(
            summary = "Re-assess a risk (omvärdering)",
            description =
                    "New levels, status and the measures as they now stand; the earlier assessments are kept. Publishes "
                            + "risk.assessed. If-Match of the analysis.")
    @APIResponse(
            responseCode = "201",
            description = "The analysis as re-assessed",
            content = @Content(schema = @Schema(implementation = AnalysisResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request, or dated before the previous assessment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such analysis or risk",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown measure or unit, or a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reassess(
            @PathParam("id") UUID id,
            @PathParam("riskId") UUID riskId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid AssessmentRequest r) {
        service.reassess(id, riskId, ifMatch, r.toCommand());
        return Response.status(201)
                .tag(ETags.of(queries.etag(id)))
                .entity(queries.response(id))
                .build();
    }

    @GET
    @Path("risk-analyses/{id}/risks/{riskId}/assessments")
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.PROCESS_OWNER,
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.MEDICALLY_RESPONSIBLE
    })
    @Operation(summary = "A risk's assessments, oldest first, with the measures as they stood")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(
            responseCode = "404",
            description = "No such analysis or risk",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<AssessmentResponse> history(@PathParam("id") UUID id, @PathParam("riskId") UUID riskId) {
        return queries.history(id, riskId);
    }

    @GET
    @Path("risk-matrix")
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.PROCESS_OWNER,
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.VIEWER,
        Roles.BI_READER
    })
    @Operation(
            summary = "The aggregated risk matrix of a unit and the units under it (riskmatris)",
            description =
                    "Counts only, no text: every risk of the analyses made for the subtree, in the cell of its latest "
                            + "assessment on or before asOf. Closed risks only with includeClosed. Classes from the configured thresholds.")
    @APIResponse(
            responseCode = "200",
            description = "The matrix",
            content = @Content(schema = @Schema(implementation = MatrixResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "unit missing or malformed, malformed asOf",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such unit on that day",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MatrixResponse matrix(
            @Parameter(description = "The unit", required = true) @QueryParam("unit") String unit,
            @Parameter(description = "Day (YYYY-MM-DD), default today") @QueryParam("asOf") String asOf,
            @Parameter(description = "Also closed risks") @QueryParam("includeClosed") boolean includeClosed) {
        UUID u = QueryParams.uuid("unit", unit);
        if (u == null) {
            throw ProblemException.invalidField("unit", "is required");
        }
        LocalDate day = orgUnits.asOf(asOf);
        return queries.matrix(u, day, includeClosed);
    }
}
