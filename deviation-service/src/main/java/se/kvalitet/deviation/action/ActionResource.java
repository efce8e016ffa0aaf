package se.kvalitet.deviation.action;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
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
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

/** Actions (åtgärder) on reports, with their effect checks; overdue is computed. */
@Path("/deviation/v1/deviations/{id}/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Actions (åtgärder)",
        description = "Actions decided on reports, their progress and the later check of their effect")
@SecurityRequirement(name = "SecurityScheme")
public class ActionResource {

    @Inject
    ActionService actions;

    @Inject
    ActionQueries queries;

    @Inject
    ActionProgressService progress;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "Add an action (åtgärd) to a report",
            description =
                    "Owner, responsible unit, due date, optionally the track and root causes it addresses and when its effect is to "
                            + "be checked. The quality team, managers of the report's units, its assigned investigators and (lex Maria) the MAS "
                            + "may add. Starts the action's due-date clock.")
    @APIResponse(
            responseCode = "201",
            description = "The action",
            content = @Content(schema = @Schema(implementation = ActionDtos.ActionView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The report is closed")
    @APIResponse(responseCode = "422", description = "A personal identity number in the text")
    public Response add(@PathParam("id") UUID id, @NotNull @Valid ActionDtos.NewActionRequest r) {
        DeviationAction a = actions.add(
                id,
                new ActionService.NewAction(
                        r.title(),
                        r.description(),
                        r.owner(),
                        r.orgUnitId(),
                        r.dueDate(),
                        r.trackId(),
                        r.rootCauses(),
                        r.effectCheckDue()));
        return Response.created(URI.create("/deviation/v1/deviations/" + id + "/actions/" + a.id))
                .tag(ETags.of(a.version))
                .entity(ActionDtos.ActionView.of(a, actions.today()))
                .build();
    }

    @GET
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "The actions of a report",
            description = "Oldest first, each with whether it is overdue (now, or at asOf).")
    @APIResponse(responseCode = "200", description = "The actions")
    @APIResponse(
            responseCode = "400",
            description = "asOf is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ActionDtos.ActionView> ofDeviation(
            @PathParam("id") UUID id,
            @Parameter(
                            description =
                                    "The instant (RFC 3339) each action's overdue answers for, from its due clock; default now"
                                            + " (as GET /actions?asOf; a plain date is a 400)",
                            example = "2026-03-01T12:00:00Z",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("asOf")
                    String asOf) {
        Instant at = QueryParams.instant("asOf", asOf);
        List<DeviationAction> found = actions.ofDeviation(id);
        if (at == null) {
            LocalDate today = actions.today();
            return found.stream().map(a -> ActionDtos.ActionView.of(a, today)).toList();
        }
        Set<UUID> overdueThen = queries.overdueAt(found, at);
        return found.stream()
                .map(a -> ActionDtos.ActionView.of(a, overdueThen.contains(a.id)))
                .toList();
    }

    @GET
    @Path("{actionId}")
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "One action",
            description = "With its ETag for the next change, and whether it is overdue (now, or at asOf).")
    @APIResponse(
            responseCode = "200",
            description = "The action",
            content = @Content(schema = @Schema(implementation = ActionDtos.ActionView.class)))
    @APIResponse(
            responseCode = "400",
            description = "asOf is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such action, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(
            @PathParam("id") UUID id,
            @PathParam("actionId") UUID actionId,
            @Parameter(
                            description =
                                    "The instant (RFC 3339) the action's overdue answers for, from its due clock; default now"
                                            + " (as GET /actions?asOf; a plain date is a 400)",
                            example = "2026-03-01T12:00:00Z",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("asOf")
                    String asOf) {
        Instant at = QueryParams.instant("asOf", asOf);
        DeviationAction a = actions.action(id, actionId, Action.READ);
        ActionDtos.ActionView view = at == null
                ? ActionDtos.ActionView.of(a, actions.today())
                : ActionDtos.ActionView.of(a, queries.overdueAt(List.of(a), at).contains(a.id));
        return Response.ok(view).tag(ETags.of(a.version)).build();
    }

    @POST
    @Path("{actionId}/progress")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "Move an action on: started, done or cancelled",
            description =
                    "PLANNED → IN_PROGRESS → DONE (with doneDate), or CANCELLED with a reason; DONE and CANCELLED are final. "
                            + "Done publishes whether it was on time. Requires If-Match (the action's ETag).")
    @APIResponse(
            responseCode = "200",
            description = "The action",
            content = @Content(schema = @Schema(implementation = ActionDtos.ActionView.class)))
    @APIResponse(responseCode = "404", description = "No such action, or not visible to the caller")
    @APIResponse(
            responseCode = "409",
            description = "Not a possible transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response progress(
            @PathParam("id") UUID id,
            @PathParam("actionId") UUID actionId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ActionDtos.ProgressRequest r) {
        DeviationAction a = progress.progress(
                id, actionId, ifMatch, new ProgressAction(r.status(), r.doneDate(), r.reason(), r.effectCheckDue()));
        return Response.ok(ActionDtos.ActionView.of(a, actions.today()))
                .tag(ETags.of(a.version))
                .build();
    }

    @POST
    @Path("{actionId}/effect-check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "Record the effect check of a done action (uppföljning av effekt)",
            description =
                    "Once per action: the day, whether it had the intended effect, a comment. If it did not, add a new action. "
                            + "Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The action",
            content = @Content(schema = @Schema(implementation = ActionDtos.ActionView.class)))
    @APIResponse(responseCode = "404", description = "No such action, or not visible to the caller")
    @APIResponse(
            responseCode = "409",
            description = "Not done yet, or already checked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response checkEffect(
            @PathParam("id") UUID id,
            @PathParam("actionId") UUID actionId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ActionDtos.EffectCheckRequest r) {
        DeviationAction a =
                progress.checkEffect(id, actionId, ifMatch, new CheckEffect(r.checkedOn(), r.effective(), r.comment()));
        return Response.ok(ActionDtos.ActionView.of(a, actions.today()))
                .tag(ETags.of(a.version))
                .build();
    }
}
