package se.kvalitet.followup.internalcontrol;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.internalcontrol.InternalControlApi.AdoptRequest;
import se.kvalitet.followup.internalcontrol.InternalControlApi.ItemRequest;
import se.kvalitet.followup.internalcontrol.InternalControlApi.PlanRequest;
import se.kvalitet.followup.internalcontrol.InternalControlApi.PlanResponse;
import se.kvalitet.followup.internalcontrol.InternalControlApi.ReportRequest;
import se.kvalitet.followup.internalcontrol.InternalControlApi.ResultRequest;
import se.kvalitet.followup.registry.RegistryReferences;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/followup/v1/internal-control-plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Internal control (internkontroll)",
        description = "The yearly plan: risks chosen for control, controls, results, report to the board")
@SecurityRequirement(name = "SecurityScheme")
public class InternalControlResource {

    @Inject
    InternalControlService service;

    @Inject
    RegistryReferences references;

    @Inject
    Today today;

    @GET
    @RolesAllowed({
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.QUALITY_TEAM,
        Roles.PROCESS_OWNER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.VIEWER,
        Roles.ADMIN
    })
    @Operation(
            summary = "List internal control plans (internkontrollplaner)",
            description = "Newest year first; each control's overdue flag answers for the asOf day.")
    @APIResponse(responseCode = "200", description = "One page of plans")
    @APIResponse(
            responseCode = "400",
            description = "A malformed filter (orgUnitId, status, asOf) or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<PlanResponse> list(
            @Parameter(
                            description = "The day (YYYY-MM-DD) the controls' overdue flags and overdueControls answer"
                                    + " for, from the stored due and completion days; default today (Europe/Stockholm)",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf,
            @QueryParam("year") Integer year,
            @QueryParam("orgUnitId") String orgUnitId,
            @Parameter(
                            description = "Only plans in this state",
                            schema = @Schema(implementation = InternalControlPlan.Status.class))
                    @QueryParam("status")
                    String status,
            @BeanParam @Valid PageParams paging) {
        LocalDate day = today.asOf(asOf);
        return service.list(
                        year,
                        QueryParams.uuid("orgUnitId", orgUnitId),
                        QueryParams.enumValue("status", status, InternalControlPlan.Status.class),
                        paging.page,
                        paging.limit)
                .map(p -> response(p, day));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.QUALITY_TEAM,
        Roles.PROCESS_OWNER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.VIEWER,
        Roles.ADMIN
    })
    @Operation(summary = "One internal control plan with its controls, their results and the report to the board")
    @APIResponse(
            responseCode = "200",
            description = "The plan; ETag for changes",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed or out-of-range asOf, or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "The day (YYYY-MM-DD) the controls' overdue flags answer for; default today"
                                    + " (Europe/Stockholm)",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf) {
        LocalDate day = today.asOf(asOf);
        InternalControlPlan p = service.get(id);
        return Response.ok(response(p, day)).tag(ETags.of(p.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Create the internal control plan of a year", description = "A draft; one per unit and year.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "409", description = "The unit has a plan for the year")
    public Response create(@NotNull @Valid PlanRequest request) {
        InternalControlPlan p = service.create(request.toCommand());
        return Response.fromResponse(ok(p))
                .status(201)
                .location(URI.create("/followup/v1/internal-control-plans/" + p.id))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Change a draft plan's unit, year or title", description = "Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Changed",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "Not a draft, or the unit has a plan for that year")
    public Response replace(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid PlanRequest request) {
        return ok(service.rename(id, ifMatch, request.toCommand()));
    }

    @POST
    @Path("{id}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Add a control to a draft plan",
            description = "The risk chosen (with its registry id when there is one), the control, "
                    + "method, schedule and responsible role. Needs the plan's ETag in If-Match.")
    @APIResponse(
            responseCode = "201",
            description = "The plan with the new control",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public Response addItem(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ItemRequest request) {
        return Response.fromResponse(ok(service.addItem(id, ifMatch, request.toCommand())))
                .status(201)
                .build();
    }

    @PUT
    @Path("{id}/items/{itemId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Replace a control of a draft plan", description = "Needs the plan's ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The plan",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan or control")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public Response replaceItem(
            @PathParam("id") UUID id,
            @PathParam("itemId") UUID itemId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ItemRequest request) {
        return ok(service.replaceItem(id, itemId, ifMatch, request.toCommand()));
    }

    @DELETE
    @Path("{id}/items/{itemId}")
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Remove a control from a draft plan", description = "Needs the plan's ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The plan",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan or control")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public Response removeItem(
            @PathParam("id") UUID id, @PathParam("itemId") UUID itemId, @HeaderParam("If-Match") String ifMatch) {
        return ok(service.removeItem(id, itemId, ifMatch));
    }

    @POST
    @Path("{id}/adopt")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Record that the board adopted (fastställde) the plan",
            description = "DRAFT → ADOPTED. Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Adopted",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "Not a draft")
    @APIResponse(responseCode = "422", description = "The plan has no controls")
    public Response adopt(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid AdoptRequest request) {
        return ok(service.adopt(id, ifMatch, request.toCommand()));
    }

    @POST
    @Path("{id}/items/{itemId}/result")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Record the result of a control of an adopted plan",
            description = "Needs the plan's ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The plan",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan or control")
    @APIResponse(responseCode = "409", description = "Not adopted, or already reported")
    public Response result(
            @PathParam("id") UUID id,
            @PathParam("itemId") UUID itemId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ResultRequest request) {
        return ok(service.recordResult(id, itemId, ifMatch, request.toCommand()));
    }

    @POST
    @Path("{id}/report")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Report the plan to the board",
            description = "Every control needs a result first. ADOPTED → REPORTED, which is final. "
                    + "Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Reported",
            content = @Content(schema = @Schema(implementation = PlanResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "Not adopted")
    @APIResponse(responseCode = "422", description = "Controls without results (listed)")
    public Response report(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ReportRequest request) {
        return ok(service.report(id, ifMatch, request.toCommand()));
    }

    private PlanResponse response(InternalControlPlan p, LocalDate day) {
        var risks = references.risks(p.items.stream()
                .map(i -> i.riskId)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet()));
        return PlanResponse.of(p, risks, day);
    }

    private Response ok(InternalControlPlan p) {
        return Response.ok(response(p, today.date())).tag(ETags.of(p.version)).build();
    }
}
