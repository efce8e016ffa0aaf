package se.kvalitet.report.notification;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.report.lifecycle.Roles;
import se.kvalitet.report.notification.FailedMailsApi.FailedMail;
import se.kvalitet.report.notification.FailedMailsApi.RetriedMail;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * The notification mails the sender gave up on (README "Notifications", failed mails): listed and sent again by the
 * quality team and administrators, who look after the notifications. A mail names its recipient by username and says
 * what and by when; the address is not shown (it is in Keycloak, where it is corrected).
 */
@Path("/report/v1/notifications/failed")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications (aviseringar)")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.QUALITY_TEAM, Roles.ADMIN})
public class FailedMailResource {

    @Inject
    FailedMails failed;

    @GET
    @Operation(
            summary = "List the notification mails that could not be sent",
            description =
                    "Mails the sender gave up on after kvalitet.notification.sender.max-attempts attempts, newest "
                            + "first: recipient (username, not the address), subject (what and by when), attempts, the last "
                            + "error's kind (exception classes), whether the person is still a recipient and whether the "
                            + "address has changed since. Quality team and administrators.")
    @APIResponse(responseCode = "200", description = "A page of failed mails")
    @APIResponse(
            responseCode = "400",
            description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<FailedMail> list(@BeanParam @Valid PageParams paging) throws SQLException {
        return new Page<>(failed.page(paging.offset(), paging.limit), paging.page, paging.limit, failed.count());
    }

    @POST
    @Path("{id}/retry")
    @Operation(
            summary = "Send a failed notification mail again",
            description = "Queues the mail again (PENDING, attempts counted afresh, due now) to the person's current "
                    + "address; the sender takes it within seconds. 409 when the mail has not failed (it is pending "
                    + "or was sent) or its person is no longer a recipient.")
    @APIResponse(
            responseCode = "200",
            description = "Queued again",
            content = @Content(schema = @Schema(implementation = RetriedMail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such mail",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The mail has not failed, or its person is no longer a recipient",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RetriedMail retry(@Parameter(description = "The failed mail's id") @PathParam("id") UUID id)
            throws SQLException {
        FailedMails.Retry r = failed.retry(id);
        if (r.mail().isPresent()) {
            return r.mail().get();
        }
        throw switch (r.refusal()) {
            case NOT_FOUND -> ProblemException.notFound("The notification mail");
            case NOT_FAILED ->
                ProblemException.conflict(
                        "notification-mail-not-failed", "The mail has not failed: it is pending or was sent");
            case RECIPIENT_GONE ->
                ProblemException.conflict(
                        "notification-recipient-gone",
                        "The mail's person is no longer a recipient (left, disabled, or no address)");
        };
    }
}
