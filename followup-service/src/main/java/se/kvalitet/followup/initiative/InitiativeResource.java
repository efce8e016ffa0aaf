package se.kvalitet.followup.initiative;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.followup.access.Roles;
import se.kvalitet.followup.initiative.InitiativeApi.CompleteRequest;
import se.kvalitet.followup.initiative.InitiativeApi.EffectRequest;
import se.kvalitet.followup.initiative.InitiativeApi.InitiativeRequest;
import se.kvalitet.followup.initiative.InitiativeApi.InitiativeResponse;
import se.kvalitet.followup.initiative.QualityInitiative.Origin;
import se.kvalitet.followup.initiative.QualityInitiative.Status;
import se.kvalitet.followup.support.RequestValidation;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

@Path("/followup/v1/quality-initiatives")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Quality initiatives (kvalitetsinsatser)",
        description = "Planned improvements with responsible, deadline, support, status, origin and effect")
@SecurityRequirement(name = "SecurityScheme")
public class InitiativeResource {

    @Inject
    InitiativeService service;

    @Inject
    RequestValidation validation;

    @Inject
    Today today;

    @GET
    @RolesAllowed({
        Roles.REPORTER,
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.QUALITY_TEAM,
        Roles.PROCESS_OWNER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.VIEWER,
        Roles.ADMIN
    })
    @Operation(
            summary = "List quality initiatives (kvalitetsinsatser)",
            description = "By deadline; updatedSince for incremental pulls. overdue (flag and filter) answers for the"
                    + " asOf day, from the stored deadline and closing day.")
    @APIResponse(responseCode = "200", description = "One page of initiatives")
    @APIResponse(
            responseCode = "400",
            description =
                    "A malformed filter (orgUnitId, status, origin, asOf, updatedSince) or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<InitiativeResponse> list(
            @QueryParam("orgUnitId") String orgUnitId,
            @Parameter(description = "With orgUnitId: also every unit below it") @QueryParam("subtree") boolean subtree,
            @Parameter(description = "Only initiatives in this state", schema = @Schema(implementation = Status.class))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "Only initiatives of this origin", schema = @Schema(implementation = Origin.class))
                    @QueryParam("origin")
                    String origin,
            @Parameter(description = "true: only initiatives past their deadline and not closed on the asOf day")
                    @QueryParam("overdue")
                    Boolean overdue,
            @Parameter(
                            description = "The day (YYYY-MM-DD) overdue and the overdue filter answer for, from the"
                                    + " stored deadline and closing day; default today (Europe/Stockholm)",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf,
            @Parameter(description = "Deadline in this year") @QueryParam("year") Integer year,
            @QueryParam("indicatorId") String indicatorId,
            @QueryParam("updatedSince") String updatedSince,
            @BeanParam @Valid PageParams paging) {
        java.time.LocalDate day = today.asOf(asOf);
        InitiativeService.Filter f = new InitiativeService.Filter(
                QueryParams.uuid("orgUnitId", orgUnitId),
                subtree,
                QueryParams.enumValue("status", status, Status.class),
                QueryParams.enumValue("origin", origin, Origin.class),
                overdue,
                day,
                year,
                QueryParams.uuid("indicatorId", indicatorId),
                QueryParams.instant("updatedSince", updatedSince));
        return service.list(f, paging.page, paging.limit).map(i -> InitiativeResponse.of(i, day));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({
        Roles.REPORTER,
        Roles.UNIT_MANAGER,
        Roles.INVESTIGATOR,
        Roles.QUALITY_TEAM,
        Roles.PROCESS_OWNER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.VIEWER,
        Roles.ADMIN
    })
    @Operation(summary = "One quality initiative")
    @APIResponse(
            responseCode = "200",
            description = "The initiative; ETag for changes",
            content = @Content(schema = @Schema(implementation = InitiativeResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such initiative",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed or out-of-range asOf, or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "The day (YYYY-MM-DD) overdue answers for; default today (Europe/Stockholm)",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf) {
        java.time.LocalDate day = today.asOf(asOf);
        QualityInitiative i = service.get(id);
        return Response.ok(InitiativeResponse.of(i, day))
                .tag(ETags.of(i.version))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Create a quality initiative",
            description = "The quality team for every unit, unit managers for their units.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = InitiativeResponse.class)))
    @APIResponse(
            responseCode = "422",
            description = "Free text holds a personal identity number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid InitiativeRequest request) {
        QualityInitiative i = service.create(request.toCommand());
        return Response.created(URI.create("/followup/v1/quality-initiatives/" + i.id))
                .tag(ETags.of(i.version))
                .entity(InitiativeResponse.of(i, today.date()))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Replace an open quality initiative",
            description = "Needs the ETag in If-Match. A new deadline is watched anew.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = InitiativeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such initiative")
    @APIResponse(responseCode = "409", description = "The initiative is closed")
    public Response replace(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, InitiativeRequest request) {
        ETags.requireMatch(ifMatch, service.writable(id).version);
        return ok(service.replace(id, ifMatch, validation.check(request).toCommand()));
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Start the initiative (pågående)",
            description = "NOT_STARTED → ONGOING. Needs the ETag in If-Match. startedOn records when it started when "
                    + "that was earlier (moving in with past years, issue 16): not in the future; default today.")
    @APIResponse(
            responseCode = "200",
            description = "Started",
            content = @Content(schema = @Schema(implementation = InitiativeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such initiative")
    @APIResponse(responseCode = "409", description = "Not in NOT_STARTED (currentState in the problem)")
    public Response start(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @Parameter(
                            description = "The day it started, when earlier than today (YYYY-MM-DD)",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("startedOn")
                    String startedOn) {
        return ok(service.start(id, ifMatch, QueryParams.date("startedOn", startedOn)));
    }

    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Close the initiative as done (genomförd) or not done",
            description =
                    "Publishes initiative.completed with whether it was closed by its deadline. Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Closed",
            content = @Content(schema = @Schema(implementation = InitiativeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such initiative")
    @APIResponse(responseCode = "409", description = "Already closed")
    public Response complete(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, CompleteRequest request) {
        ETags.requireMatch(ifMatch, service.writable(id).version);
        return ok(service.complete(id, ifMatch, validation.check(request).toCommand()));
    }

    @POST
    @Path("{id}/effect-check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_MANAGER, Roles.QUALITY_TEAM, Roles.ADMIN})
    @Operation(
            summary = "Record whether a closed initiative had the intended effect",
            description =
                    "Seed 003: the board must be able to follow up whether actions had effect. Needs the ETag in If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = InitiativeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such initiative")
    @APIResponse(responseCode = "409", description = "Still open")
    public Response effect(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, EffectRequest request) {
        ETags.requireMatch(ifMatch, service.writable(id).version);
        return ok(service.checkEffect(id, ifMatch, validation.check(request).toCommand()));
    }

    private Response ok(QualityInitiative i) {
        return Response.ok(InitiativeResponse.of(i, today.date()))
                .tag(ETags.of(i.version))
                .build();
    }
}
