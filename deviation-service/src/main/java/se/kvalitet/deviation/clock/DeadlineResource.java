package se.kvalitet.deviation.clock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.QueryParams;

/** The clock engine's running deadlines (tidsfrister), scoped to the cases the caller may see. */
@Path("/deviation/v1/deadlines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Deadlines (tidsfrister)",
        description = "Every deadline of the clock engine: IVO and IMY notifications, investigations, "
                + "complaint acknowledgement and answer, triage, actions and effect checks")
@SecurityRequirement(name = "SecurityScheme")
public class DeadlineResource {

    @Inject
    DeadlineQueries deadlines;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed(Roles.HANDLERS)
    @Operation(
            summary = "Running deadlines (now or at asOf): overdue, due soon, or all",
            description =
                    "Soonest due first. Only the deadlines of cases the caller may see (object-level access); each listed case is "
                            + "written to the access log.")
    @APIResponse(responseCode = "200", description = "A page of deadlines")
    @APIResponse(
            responseCode = "400",
            description = "A filter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Deadline> list(
            @Parameter(
                            description =
                                    "overdue (past due), due-soon (in the due-soon window, not yet due) or running (default)",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"overdue", "due-soon", "running"}))
                    @QueryParam("state")
                    String state,
            @Parameter(schema = @Schema(implementation = ClockKind.class)) @QueryParam("kind") String kind,
            @Parameter(description = "The unit whose deadline it is, and every unit under it") @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(
                            description =
                                    "The instant (RFC 3339) the list and each state answer for: the clocks running"
                                            + " then, from their stored start, due and stop instants; default now. An instant,"
                                            + " not a day, because these deadlines are to the minute (24 h, 72 h)",
                            example = "2026-03-01T12:00:00Z",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("asOf")
                    String asOf,
            @Valid @BeanParam PageParams page) {
        Instant at = QueryParams.instant("asOf", asOf);
        Page<se.kvalitet.deviation.clock.DeadlineClock> found = deadlines.list(
                DeadlineQueries.State.parse(state),
                QueryParams.enumValue("kind", kind, ClockKind.class),
                QueryParams.uuid("orgUnit", orgUnit),
                at,
                page);
        Instant now = at == null ? clock.instant() : at;
        return found.map(c -> Deadline.of(c, now));
    }
}
