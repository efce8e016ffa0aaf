package se.kvalitet.followup.indicator;

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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.criterion.QualityCriterion;
import se.kvalitet.followup.indicator.IndicatorApi.CriterionRequest;
import se.kvalitet.followup.indicator.IndicatorApi.CriterionResponse;
import se.kvalitet.followup.indicator.IndicatorApi.IndicatorRequest;
import se.kvalitet.followup.indicator.IndicatorApi.IndicatorResponse;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/followup/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Indicators (nyckeltal)",
        description = "What is followed up, how, how often, by whom, against which målvärde")
@SecurityRequirement(name = "SecurityScheme")
public class IndicatorResource {

    @Inject
    IndicatorService service;

    @GET
    @Path("indicators")
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "List indicators (nyckeltal)",
            description = "Sorted by code; updatedSince for incremental pulls.")
    @APIResponse(responseCode = "200", description = "One page of indicators")
    public Page<IndicatorResponse> list(
            @Parameter(description = "Only indicators changed at or after this instant (RFC 3339)")
                    @QueryParam("updatedSince")
                    String updatedSince,
            @Parameter(description = "Only indicators of this quality criterion") @QueryParam("criterion")
                    String criterion,
            @BeanParam @Valid PageParams paging) {
        Instant since = updatedSince == null ? null : QueryParams.instant("updatedSince", updatedSince);
        return service.list(since, criterion, paging.page, paging.limit).map(IndicatorResource::toResponse);
    }

    @GET
    @Path("indicators/{id}")
    @RolesAllowed(Roles.READERS)
    @Operation(summary = "One indicator with its målvärden")
    @APIResponse(
            responseCode = "200",
            description = "The indicator; ETag for updates",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such indicator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Indicator i = service.get(id);
        return Response.ok(toResponse(i)).tag(ETags.of(i.version)).build();
    }

    @POST
    @Path("indicators")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Create an indicator (nyckeltal) with its målvärden")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The code is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid IndicatorRequest request) {
        Indicator i = service.create(request.toCommand());
        return Response.created(URI.create("/followup/v1/indicators/" + i.id))
                .tag(ETags.of(i.version))
                .entity(toResponse(i))
                .build();
    }

    @PUT
    @Path("indicators/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Replace an indicator and its målvärden", description = "Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = IndicatorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such indicator")
    public Response replace(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid IndicatorRequest request) {
        Indicator i = service.replace(id, ifMatch, request.toCommand());
        return Response.ok(toResponse(i)).tag(ETags.of(i.version)).build();
    }

    @GET
    @Path("quality-criteria")
    @RolesAllowed(Roles.READERS)
    @Operation(summary = "The quality criteria (kvalitetskriterier), Socialstyrelsen's six by default")
    @APIResponse(responseCode = "200", description = "The criteria in order")
    public List<CriterionResponse> criteria() {
        return service.criteria().stream().map(IndicatorResource::criterion).toList();
    }

    @POST
    @Path("quality-criteria")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Add a quality criterion (kvalitetskriterium)",
            description =
                    "The list is configurable: a municipality adds its own (e.g. Nacka's \"Nöjda och engagerade medarbetare\").")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = CriterionResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The code is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createCriterion(@NotNull @Valid CriterionRequest request) {
        QualityCriterion c = service.createCriterion(request.toCommand());
        return Response.created(URI.create("/followup/v1/quality-criteria/" + c.code))
                .tag(ETags.of(c.version))
                .entity(criterion(c))
                .build();
    }

    @PUT
    @Path("quality-criteria/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Change a quality criterion",
            description = "Names, order, description; active=false retires it (indicators keep it). "
                    + "The code cannot change. Needs the ETag (from the list or the create response) in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Changed",
            content = @Content(schema = @Schema(implementation = CriterionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such criterion")
    public Response replaceCriterion(
            @PathParam("code") String code,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid CriterionRequest request) {
        QualityCriterion c = service.replaceCriterion(code, ifMatch, request.toCommand());
        return Response.ok(criterion(c)).tag(ETags.of(c.version)).build();
    }

    static CriterionResponse criterion(QualityCriterion c) {
        return new CriterionResponse(c.code, c.nameSv, c.nameEn, c.description, c.sortOrder, c.active, c.version);
    }

    static IndicatorResponse toResponse(Indicator i) {
        return new IndicatorResponse(
                i.id,
                i.code,
                i.name,
                i.description,
                i.criterionCode,
                i.goalId,
                i.unitOfMeasure,
                i.method,
                i.frequency,
                i.responsibleRole,
                i.responsibleOrgUnitId,
                i.decimals,
                i.genderSplit,
                i.koladaKpi,
                i.minResponses,
                i.derivedMetric,
                i.derivedCategory,
                i.targets.stream().map(TargetView::of).toList(),
                i.createdAt,
                i.updatedAt);
    }
}
