package se.kvalitet.followup.egenkontroll;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.egenkontroll.EgenkontrollApi.CancelRequest;
import se.kvalitet.followup.egenkontroll.EgenkontrollApi.ExecutionRequest;
import se.kvalitet.followup.egenkontroll.EgenkontrollApi.ExtraRequest;
import se.kvalitet.followup.egenkontroll.EgenkontrollApi.OccurrenceResponse;
import se.kvalitet.followup.egenkontroll.EgenkontrollApi.PlanDetail;
import se.kvalitet.followup.egenkontroll.EgenkontrollApi.PlanRequest;
import se.kvalitet.followup.egenkontroll.EgenkontrollApi.PlanResponse;
import se.kvalitet.followup.registry.RegistryReferences;
import se.kvalitet.followup.support.RequestValidation;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/followup/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Egenkontroll",
        description = "Self-inspection (SOSFS 2011:9 5 kap 2 §): plans, scheduled occurrences, executions, overdue")
@SecurityRequirement(name = "SecurityScheme")
public class EgenkontrollResource {

    @Inject
    EgenkontrollPlans plans;

    @Inject
    EgenkontrollExecutions executions;

    @Inject
    EgenkontrollQueries queries;

    @Inject
    RegistryReferences references;

    @Inject
    RequestValidation validation;

    @Inject
    Today today;

    @GET
    @Path("egenkontroll-plans")
    @RolesAllowed(Roles.STAFF)
    @Operation(
            summary = "List egenkontroll plans",
            description = "By title; filters by unit (and below), status, linked routine or risk; "
                    + "updatedSince for incremental pulls.")
    @APIResponse(responseCode = "200", description = "One page of plans")
    public Page<PlanResponse> plans(
            @QueryParam("orgUnitId") String orgUnitId,
            @QueryParam("subtree") boolean subtree,
            @Parameter(
                            description = "Only plans in this state",
                            schema = @Schema(implementation = EgenkontrollPlan.Status.class))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "Plans that control this routine") @QueryParam("routineId") String routineId,
            @Parameter(description = "Plans that control this risk") @QueryParam("riskId") String riskId,
            @QueryParam("updatedSince") String updatedSince,
            @BeanParam @Valid PageParams paging) {
        Page<EgenkontrollPlan> page = queries.plans(
                new EgenkontrollQueries.PlanFilter(
                        QueryParams.uuid("orgUnitId", orgUnitId),
                        subtree,
                        QueryParams.enumValue("status", status, EgenkontrollPlan.Status.class),
                        QueryParams.uuid("routineId", routineId),
                        QueryParams.uuid("riskId", riskId),
                        QueryParams.instant("updatedSince", updatedSince)),
                paging.page,
                paging.limit);
        Set<UUID> routines = new HashSet<>();
        Set<UUID> risks = new HashSet<>();
        page.items().forEach(p -> {
            routines.addAll(p.routineIds);
            risks.addAll(p.riskIds);
        });
        var routineLinks = references.routines(routines);
        var riskLinks = references.risks(risks);
        return page.map(p -> PlanResponse.of(p, routineLinks, riskLinks));
    }

    @GET
    @Path("egenkontroll-plans/{id}")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "One egenkontroll plan with its next scheduled occurrences")
    @APIResponse(
            responseCode = "200",
            description = "The plan; ETag for changes",
            content = @Content(schema = @Schema(implementation = PlanDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response plan(@PathParam("id") UUID id) {
        return detail(queries.plan(id));
    }

    @POST
    @Path("egenkontroll-plans")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Create an egenkontroll plan",
            description =
                    "Schedules its occurrences every frequency from the first due date. "
                            + "Routines and risks are ids of the process registry; one the registry has withdrawn or closed is refused.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = PlanDetail.class)))
    @APIResponse(
            responseCode = "422",
            description = "Free text holds a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createPlan(@NotNull @Valid PlanRequest request) {
        EgenkontrollPlan p = plans.create(request.toCommand());
        Response ok = detail(p);
        return Response.fromResponse(ok)
                .status(201)
                .location(URI.create("/followup/v1/egenkontroll-plans/" + p.id))
                .build();
    }

    @PUT
    @Path("egenkontroll-plans/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Replace an egenkontroll plan",
            description = "Scheduled occurrences from today on follow the new schedule; executed "
                    + "and overdue ones stay. Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = PlanDetail.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "The plan is retired")
    public Response replacePlan(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, PlanRequest request) {
        ETags.requireMatch(ifMatch, queries.writablePlan(id).version);
        return detail(plans.replace(id, ifMatch, validation.check(request).toCommand()));
    }

    @POST
    @Path("egenkontroll-plans/{id}/retire")
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Retire an egenkontroll plan",
            description = "No new occurrences; the scheduled ones from today on are cancelled. "
                    + "Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Retired",
            content = @Content(schema = @Schema(implementation = PlanDetail.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "Already retired")
    public Response retire(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return detail(plans.retire(id, ifMatch));
    }

    @POST
    @Path("egenkontroll-plans/{id}/occurrences")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Add an extra egenkontroll outside the schedule",
            description = "E.g. a renewed check after a deviation.")
    @APIResponse(
            responseCode = "201",
            description = "Scheduled",
            content = @Content(schema = @Schema(implementation = OccurrenceResponse.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "The plan is retired, or has an egenkontroll due that day")
    public Response addOccurrence(@PathParam("id") UUID id, ExtraRequest request) {
        queries.writablePlan(id);
        EgenkontrollOccurrence o =
                plans.addOccurrence(id, validation.check(request).dueOn());
        return Response.created(URI.create("/followup/v1/egenkontroll-occurrences/" + o.id))
                .tag(ETags.of(o.version))
                .entity(OccurrenceResponse.of(o, today.date()))
                .build();
    }

    @GET
    @Path("egenkontroll-occurrences")
    @RolesAllowed(Roles.STAFF)
    @Operation(
            summary = "List scheduled and executed egenkontroller",
            description = "By due date; state=OVERDUE lists those past their due date and neither carried out nor"
                    + " cancelled on the asOf day (default today); the other states are the current status."
                    + " updatedSince for incremental pulls.")
    @APIResponse(responseCode = "200", description = "One page of occurrences")
    @APIResponse(
            responseCode = "400",
            description = "A malformed filter (planId, orgUnitId, state, dueFrom, dueTo, asOf, updatedSince) or an"
                    + " unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<OccurrenceResponse> occurrences(
            @QueryParam("planId") String planId,
            @QueryParam("orgUnitId") String orgUnitId,
            @QueryParam("subtree") boolean subtree,
            @Parameter(
                            description = "Only occurrences in this state; OVERDUE: scheduled and past due",
                            schema = @Schema(implementation = EgenkontrollQueries.OccurrenceState.class))
                    @QueryParam("state")
                    String state,
            @QueryParam("dueFrom") String dueFrom,
            @QueryParam("dueTo") String dueTo,
            @Parameter(
                            description = "The day (YYYY-MM-DD) state=OVERDUE and the overdue flag answer for, from the"
                                    + " stored due, execution and cancellation days; default today (Europe/Stockholm)",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf,
            @QueryParam("updatedSince") String updatedSince,
            @BeanParam @Valid PageParams paging) {
        LocalDate day = today.asOf(asOf);
        return queries.occurrences(
                        new EgenkontrollQueries.OccurrenceFilter(
                                QueryParams.uuid("planId", planId),
                                QueryParams.uuid("orgUnitId", orgUnitId),
                                subtree,
                                QueryParams.enumValue("state", state, EgenkontrollQueries.OccurrenceState.class),
                                QueryParams.date("dueFrom", dueFrom),
                                QueryParams.date("dueTo", dueTo),
                                day,
                                QueryParams.instant("updatedSince", updatedSince)),
                        paging.page,
                        paging.limit)
                .map(o -> OccurrenceResponse.of(o, day));
    }

    @GET
    @Path("egenkontroll-occurrences/{id}")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "One egenkontroll occurrence")
    @APIResponse(
            responseCode = "200",
            description = "The occurrence; ETag for the execution",
            content = @Content(schema = @Schema(implementation = OccurrenceResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such occurrence",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed or out-of-range asOf, or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response occurrence(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "The day (YYYY-MM-DD) overdue answers for; default today (Europe/Stockholm)",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf) {
        LocalDate day = today.asOf(asOf);
        EgenkontrollOccurrence o = queries.occurrence(id);
        return Response.ok(OccurrenceResponse.of(o, day))
                .tag(ETags.of(o.version))
                .build();
    }

    @POST
    @Path("egenkontroll-occurrences/{id}/execution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Record the execution of an egenkontroll",
            description =
                    "Date, sample size, findings, result, deviations found and follow-up actions. Publishes egenkontroll.executed. "
                            + "Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = OccurrenceResponse.class)))
    @APIResponse(responseCode = "404", description = "No such occurrence")
    @APIResponse(responseCode = "409", description = "Already executed or cancelled (currentState in the problem)")
    @APIResponse(responseCode = "422", description = "Free text holds a personal identity number")
    public Response execute(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, ExecutionRequest request) {
        ETags.requireMatch(ifMatch, queries.writableOccurrence(id).version);
        return ok(executions.execute(id, ifMatch, validation.check(request).toCommand()));
    }

    @POST
    @Path("egenkontroll-occurrences/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(summary = "Cancel a scheduled egenkontroll", description = "With a reason. Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Cancelled",
            content = @Content(schema = @Schema(implementation = OccurrenceResponse.class)))
    @APIResponse(responseCode = "404", description = "No such occurrence")
    @APIResponse(responseCode = "409", description = "Already executed or cancelled")
    public Response cancel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, CancelRequest request) {
        ETags.requireMatch(ifMatch, queries.writableOccurrence(id).version);
        return ok(executions.cancel(id, ifMatch, validation.check(request).reason()));
    }

    private Response ok(EgenkontrollOccurrence o) {
        return Response.ok(OccurrenceResponse.of(o, today.date()))
                .tag(ETags.of(o.version))
                .build();
    }

    private Response detail(EgenkontrollPlan p) {
        LocalDate day = today.date();
        List<OccurrenceResponse> upcoming = queries.upcoming(p.id, 5).stream()
                .map(o -> OccurrenceResponse.of(o, day))
                .toList();
        PlanResponse plan = PlanResponse.of(p, references.routines(p.routineIds), references.risks(p.riskIds));
        return Response.ok(new PlanDetail(plan, upcoming))
                .tag(ETags.of(p.version))
                .build();
    }
}
