package se.kvalitet.deviation.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

/** Loggkontroll: the quality team reads the append-only log of who read or changed which case. */
@Path("/deviation/v1/access-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access log (loggkontroll)", description = "Every read and write of a case")
@SecurityRequirement(name = "SecurityScheme")
public class AccessLogResource {

    @Inject
    AccessLogQuery log;

    /** One line of the log. */
    @Schema(name = "AccessLogEntry")
    public record Entry(
            long id,
            Instant at,
            UUID deviationId,
            CaseAccessLogEntry.Action action,

            @Schema(description = "false: the caller asked for a case it may not see and got a 404")
            boolean granted,

            String subject,
            String username,
            String clientId,
            String roles,
            String correlationId) {}

    @GET
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
    @Transactional
    @Operation(
            summary = "Search the case access log",
            description =
                    "Oldest first. Filter by case, by the person or client (token subject or username), by action, "
                            + "by refused attempts only, and by time. Pages do not get slower as the log grows: follow "
                            + "nextCursor (send it as cursor with the same filters); page/limit reach the first "
                            + AccessLogQuery.MAX_WINDOW
                            + " lines. total is exact up to "
                            + AccessLogQuery.TOTAL_CAP
                            + " lines; above that totalExact is false and total is that lower bound.")
    @APIResponse(responseCode = "200", description = "A page of log lines")
    @APIResponse(
            responseCode = "400",
            description = "A filter, the cursor or the page is invalid (a page beyond the first "
                    + AccessLogQuery.MAX_WINDOW
                    + " lines: follow nextCursor)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Entry> search(
            @Parameter(description = "The case") @QueryParam("deviationId") String deviationId,
            @Parameter(description = "Token subject") @QueryParam("subject") String subject,
            @Parameter(description = "Username") @QueryParam("username") String username,
            @Parameter(description = "Action", schema = @Schema(implementation = CaseAccessLogEntry.Action.class))
                    @QueryParam("action")
                    String action,
            @Parameter(description = "true: only refused attempts; false: only granted") @QueryParam("granted")
                    String granted,
            @Parameter(description = "At or after (RFC 3339)") @QueryParam("from") String from,
            @Parameter(description = "Before (RFC 3339)") @QueryParam("to") String to,
            @Parameter(
                            description =
                                    "Continue after the page that returned this nextCursor (opaque; same filters; not with page)")
                    @QueryParam("cursor")
                    String cursor,
            @Valid @BeanParam PageParams page) {
        UUID id = QueryParams.uuid("deviationId", deviationId);
        CaseAccessLogEntry.Action a = QueryParams.enumValue("action", action, CaseAccessLogEntry.Action.class);
        if (granted != null && !granted.isBlank() && !granted.equals("true") && !granted.equals("false")) {
            throw ProblemException.invalidField("granted", "must be true or false");
        }
        Boolean onlyGranted = granted == null || granted.isBlank() ? null : Boolean.parseBoolean(granted);
        AccessLogQuery.Filter filter = new AccessLogQuery.Filter(
                id,
                blankToNull(subject),
                blankToNull(username),
                a,
                onlyGranted,
                QueryParams.instant("from", from),
                QueryParams.instant("to", to));
        return log.search(filter, page, cursor)
                .map(e -> new Entry(
                        e.id(),
                        e.at(),
                        e.deviationId(),
                        e.action(),
                        e.granted(),
                        e.subject(),
                        e.username(),
                        e.clientId(),
                        e.roles(),
                        e.correlationId()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
