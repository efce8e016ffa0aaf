package se.kvalitet.followup.goal;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.domain.Enums.GoalLevel;
import se.kvalitet.followup.goal.GoalApi.GoalRequest;
import se.kvalitet.followup.goal.GoalApi.GoalResponse;
import se.kvalitet.followup.support.RequestValidation;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/followup/v1/goals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Goals (mål)",
        description =
                "Overarching goals (övergripande mål) → board goals (nämndmål) → operational goals of units (verksamhetsmål)")
@SecurityRequirement(name = "SecurityScheme")
public class GoalResource {

    @Inject
    GoalService service;

    @Inject
    RequestValidation validation;

    @GET
    @RolesAllowed(Roles.READERS)
    @Operation(
            summary = "List goals (mål)",
            description = "By level and title; updatedSince for incremental pulls (then oldest change first).")
    @APIResponse(responseCode = "200", description = "One page of goals")
    public Page<GoalResponse> list(
            @Parameter(description = "Only goals of this level", schema = @Schema(implementation = GoalLevel.class))
                    @QueryParam("level")
                    String level,
            @QueryParam("orgUnitId") String orgUnitId,
            @Parameter(description = "Goals that break down this goal") @QueryParam("parentId") String parentId,
            @Parameter(description = "Goals valid in this year") @QueryParam("year") Integer year,
            @QueryParam("updatedSince") String updatedSince,
            @BeanParam @Valid PageParams paging) {
        GoalService.Filter f = new GoalService.Filter(
                QueryParams.enumValue("level", level, GoalLevel.class),
                QueryParams.uuid("orgUnitId", orgUnitId),
                QueryParams.uuid("parentId", parentId),
                year,
                QueryParams.instant("updatedSince", updatedSince));
        return service.list(f, paging.page, paging.limit).map(GoalResponse::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READERS)
    @Operation(summary = "One goal")
    @APIResponse(
            responseCode = "200",
            description = "The goal; ETag for updates",
            content = @Content(schema = @Schema(implementation = GoalResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such goal",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Goal g = service.get(id);
        return Response.ok(GoalResponse.of(g)).tag(ETags.of(g.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Create a goal",
            description = "Overarching and board goals: the quality team. Operational goals: also the unit's managers.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = GoalResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid (level and parent do not fit, unknown unit or criterion)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Free text holds a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid GoalRequest request) {
        Goal g = service.create(request.toCommand());
        return Response.created(URI.create("/followup/v1/goals/" + g.id))
                .tag(ETags.of(g.version))
                .entity(GoalResponse.of(g))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Replace a goal", description = "Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = GoalResponse.class)))
    @APIResponse(responseCode = "404", description = "No such goal")
    @APIResponse(responseCode = "409", description = "The level of a goal others break down cannot change")
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, GoalRequest request) {
        Goal current = service.requireWritable(id);
        ETags.requireMatch(ifMatch, current.version);
        Goal g = service.replace(id, ifMatch, validation.check(request).toCommand());
        return Response.ok(GoalResponse.of(g)).tag(ETags.of(g.version)).build();
    }
}
