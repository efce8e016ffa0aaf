package se.kvalitet.deviation.track;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.notification.FileNotification;
import se.kvalitet.deviation.notification.NotificationService;
import se.kvalitet.deviation.report.AuthorityNotification;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.TrackWork;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/** Notifications to IVO or IMY filed on a track, and their frozen snapshots. */
@Path("/deviation/v1/deviations/{id}/tracks/{trackId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Investigations (utredningar)",
        description = "Lex Sarah, lex Maria, personal data breach, complaint and other-deviation tracks")
@SecurityRequirement(name = "SecurityScheme")
public class NotificationResource {

    static final String BASE = "/deviation/v1/deviations/%s/tracks/%s";

    @Inject
    NotificationService notifications;

    @Inject
    TrackWork work;

    @POST
    @Path("notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY_TEAM, Roles.MEDICALLY_RESPONSIBLE, Roles.ADMIN})
    @Operation(
            summary = "Record a notification filed with IVO",
            description =
                    "Freezes what was sent with its SHA-256. INITIAL once per serious track, then SUPPLEMENTs; never edited. "
                            + "Lex Sarah: the quality team; lex Maria: the MAS only. A late initial notification needs lateReason.")
    @APIResponse(
            responseCode = "201",
            description = "The notification",
            content = @Content(schema = @Schema(implementation = TrackDtos.Notification.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not reportable, already notified, or no initial notification",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response notifyAuthority(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @NotNull @Valid TrackDtos.NotificationRequest request) {
        AuthorityNotification n = notifications.notifyAuthority(
                id,
                trackId,
                new FileNotification(
                        request.kind(),
                        request.sentAt(),
                        request.authorityReference(),
                        request.lateReason(),
                        request.content()));
        return Response.created(URI.create(BASE.formatted(id, trackId) + "/notifications/" + n.id))
                .entity(TrackDtos.Notification.of(n, true))
                .build();
    }

    @GET
    @Path("notifications/{notificationId}")
    @RolesAllowed(Roles.HANDLERS)
    @Operation(summary = "A filed notification with its frozen snapshot")
    @APIResponse(
            responseCode = "200",
            description = "The notification",
            content = @Content(schema = @Schema(implementation = TrackDtos.Notification.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such notification, or not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrackDtos.Notification notification(
            @PathParam("id") UUID id,
            @PathParam("trackId") UUID trackId,
            @PathParam("notificationId") UUID notificationId) {
        DeviationTrack t = work.track(id, trackId, Action.READ);
        return t.notifications.stream()
                .filter(n -> n.id.equals(notificationId))
                .findFirst()
                .map(n -> TrackDtos.Notification.of(n, true))
                .orElseThrow(() -> ProblemException.notFound("Notification " + notificationId));
    }
}
