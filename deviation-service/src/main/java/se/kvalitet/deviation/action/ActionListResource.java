package se.kvalitet.deviation.action;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
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
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.report.BooleanParams;
import se.kvalitet.deviation.report.DeviationQueries;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

/** Actions (åtgärder) across every report the caller may see. */
@Path("/deviation/v1/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Actions (åtgärder)")
@SecurityRequirement(name = "SecurityScheme")
public class ActionListResource {

    @Inject
    ActionQueries queries;

    @Inject
    ActionService actions;

    @Inject
    se.kvalitet.web.Caller caller;

    @GET
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "Actions across the reports the caller may see",
            description =
                    "Soonest due first; with updatedSince oldest change first. Filters: status, overdue, the responsible unit's subtree, "
                            + "owner (mine = the caller), report. overdue (the flag and the filter) answers for now or for asOf. "
                            + "Pages do not get slower as history grows: follow nextCursor (send it as cursor with the same "
                            + "filters); page/limit reach the first "
                            + DeviationQueries.MAX_WINDOW
                            + " actions. total is exact up to "
                            + DeviationQueries.TOTAL_CAP
                            + " actions; above that totalExact is false and total is that lower bound.")
    @APIResponse(responseCode = "200", description = "A page of actions")
    @APIResponse(
            responseCode = "400",
            description = "A filter, asOf, the cursor or the page is invalid (a page beyond the first "
                    + DeviationQueries.MAX_WINDOW
                    + " actions: follow nextCursor)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ActionDtos.ActionView> list(
            @Parameter(schema = @Schema(implementation = DeviationAction.Status.class)) @QueryParam("status")
                    String status,
            @Parameter(description = "true: open and past the due date; false: the others") @QueryParam("overdue")
                    String overdue,
            @Parameter(description = "Responsible org unit and every unit under it") @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "Owner's username, or mine") @QueryParam("owner") String owner,
            @Parameter(description = "Only the actions of this report") @QueryParam("deviationId") String deviationId,
            @Parameter(
                            description = "Changed at or after this instant (RFC 3339)",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("updatedSince")
                    String updatedSince,
            @Parameter(
                            description =
                                    "The instant (RFC 3339) overdue (each action's flag and the filter) answers for: open and past"
                                            + " due then, from the action's due clock (its start, the end of the due date, and when it"
                                            + " was done or cancelled); default now. An instant, not a day, as GET /deadlines?asOf"
                                            + " (a plain date is a 400)",
                            example = "2026-03-01T12:00:00Z",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("asOf")
                    String asOf,
            @Parameter(
                            description =
                                    "Continue after the page that returned this nextCursor (opaque; same filters; not with page)")
                    @QueryParam("cursor")
                    String cursor,
            @Valid @BeanParam PageParams page) {
        String who = owner == null || owner.isBlank()
                ? null
                : "mine".equals(owner.strip()) ? caller.username() : owner.strip();
        if (who != null && who.length() > 200) {
            throw ProblemException.invalidField("owner", "must be at most 200 characters");
        }
        Instant since = QueryParams.instant("updatedSince", updatedSince);
        Instant at = QueryParams.instant("asOf", asOf);
        Page<DeviationAction> found = queries.list(
                new ActionQueries.Filter(
                        QueryParams.enumValue("status", status, DeviationAction.Status.class),
                        BooleanParams.bool("overdue", overdue),
                        QueryParams.uuid("orgUnit", orgUnit),
                        who,
                        QueryParams.uuid("deviationId", deviationId),
                        since,
                        at),
                page,
                cursor);
        if (at == null) {
            LocalDate today = actions.today();
            return found.map(a -> ActionDtos.ActionView.of(a, today));
        }
        Set<UUID> overdueThen = queries.overdueAt(found.items(), at);
        return found.map(a -> ActionDtos.ActionView.of(a, overdueThen.contains(a.id)));
    }
}
