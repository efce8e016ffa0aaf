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
                            + "owner (mine = the caller), report.")
    @APIResponse(responseCode = "200", description = "A page of actions")
    @APIResponse(
            responseCode = "400",
            description = "A filter is invalid",
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
            @Valid @BeanParam PageParams page) {
        String who = owner == null || owner.isBlank()
                ? null
                : "mine".equals(owner.strip()) ? caller.username() : owner.strip();
        if (who != null && who.length() > 200) {
            throw ProblemException.invalidField("owner", "must be at most 200 characters");
        }
        Instant since = QueryParams.instant("updatedSince", updatedSince);
        LocalDate today = actions.today();
        return queries.list(
                        new ActionQueries.Filter(
                                QueryParams.enumValue("status", status, DeviationAction.Status.class),
                                BooleanParams.bool("overdue", overdue),
                                QueryParams.uuid("orgUnit", orgUnit),
                                who,
                                QueryParams.uuid("deviationId", deviationId),
                                since),
                        page)
                .map(a -> ActionDtos.ActionView.of(a, today));
    }
}
