package se.kvalitet.report.notification;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.report.notification.NotificationPreferencesApi.Preferences;
import se.kvalitet.report.notification.NotificationPreferencesApi.PreferencesRequest;
import se.kvalitet.report.notification.RecipientStore.Recipient;
import se.kvalitet.web.Caller;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The logged-in person's notification preferences (aviseringar): immediate mail, a daily digest or none.
 * Saving also records where the person is mailed and for which roles and units, from the person's own
 * access token (README "Notifications": Keycloak is the directory; its e-mail, roles and org units are
 * editable by administrators only).
 */
@Path("/report/v1/notification-preferences/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications (aviseringar)")
@SecurityRequirement(name = "SecurityScheme")
// every person of the organisation, for both operations; machine clients (case-system, bi-reader) have none
@RolesAllowed({
    "reporter",
    "unit-manager",
    "quality-team",
    "investigator",
    "process-owner",
    "medically-responsible",
    "viewer",
    "admin"
})
public class NotificationPreferenceResource {

    @Inject
    Caller caller;

    @Inject
    JsonWebToken jwt;

    @Inject
    RecipientStore recipients;

    @Inject
    Clock clock;

    @GET
    @Operation(
            summary = "Read my notification preferences (aviseringsinställningar)",
            description = "The preferences of the person the token belongs to. Before the first save, saved is false "
                    + "and delivery is the directory's default: DAILY_DIGEST for a person Keycloak lists with a "
                    + "notified role (quality-team, unit-manager, process-owner, investigator) and an e-mail address "
                    + "(synchronised hourly), else OFF. Machine clients have none (403).")
    @APIResponse(
            responseCode = "200",
            description = "The preferences",
            content = @Content(schema = @Schema(implementation = Preferences.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not a person of the organisation (machine clients)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Preferences get() throws SQLException {
        return recipients
                .find(caller.username())
                .map(NotificationPreferenceResource::view)
                .orElseGet(() -> new Preferences(
                        caller.username(),
                        tokenEmail(),
                        Delivery.OFF,
                        false,
                        notifiedRoles(caller.roles()),
                        List.copyOf(caller.orgUnits()),
                        null));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set my notification preferences (aviseringsinställningar)",
            description = "Sets how the logged-in person is told (IMMEDIATE, DAILY_DIGEST or OFF) and records the "
                    + "e-mail address, roles and org units of the person's token, which decide what the person is "
                    + "told about: deadlines of the units the person acts for (and units under them, where nobody "
                    + "nearer holds the role), escalations to unit managers when a deadline has passed, reports "
                    + "ready for approval. Saving again refreshes them from the current token.")
    @APIResponse(
            responseCode = "200",
            description = "Saved; the preferences now in force",
            content = @Content(schema = @Schema(implementation = Preferences.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed body, unknown delivery, or an unknown field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not a person of the organisation (machine clients)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The account has no usable e-mail address (set by an administrator in Keycloak) and mail "
                    + "delivery was asked for, or the username is not a usable identifier",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Preferences put(@NotNull @Valid PreferencesRequest request) throws SQLException {
        String username = caller.username();
        if (username == null || username.length() > 255 || PersonalIdentityNumbers.containsAny(username)) {
            throw ProblemException.unprocessable(
                    "unusable-username",
                    "The account's username cannot be stored as an identifier; ask an administrator",
                    List.of());
        }
        String email = tokenEmail();
        if (email == null && request.delivery() != Delivery.OFF) {
            throw ProblemException.unprocessable(
                    "no-email-address",
                    "The account has no usable e-mail address; an administrator sets it in Keycloak",
                    List.of(new Problem.FieldError("delivery", "needs an e-mail address on the account")));
        }
        Recipient r = new Recipient(
                username,
                email == null ? "" : email,
                request.delivery(),
                Set.copyOf(notifiedRoles(caller.roles())),
                Set.copyOf(caller.orgUnits()),
                clock.instant());
        recipients.save(r);
        return view(r);
    }

    /** The token's e-mail claim when it is one plain address, else null (never put into a mail header as is). */
    private String tokenEmail() {
        Object claim = jwt.getClaim("email");
        String email = claim == null ? null : claim.toString().strip();
        if (email != null && email.startsWith("\"") && email.endsWith("\"") && email.length() > 1) {
            email = email.substring(1, email.length() - 1);
        }
        return MailAddresses.usable(email) ? email : null;
    }

    private static List<String> notifiedRoles(Set<String> roles) {
        Set<String> out = new TreeSet<>();
        for (String role : roles) {
            if (NoticeRules.NOTIFIED_ROLES.contains(role)) {
                out.add(role);
            }
        }
        return List.copyOf(out);
    }

    /**
     * A stored recipient's preferences: saved by the person, or the directory's default (DAILY_DIGEST, saved false);
     * for a person neither saved nor in the directory {@link #get} answers without a row.
     */
    private static Preferences view(Recipient r) {
        return new Preferences(
                r.username(),
                r.email().isEmpty() ? null : r.email(),
                r.delivery(),
                r.saved(),
                notifiedRoles(r.roles()),
                r.orgUnitIds().stream().sorted().toList(),
                r.updatedAt());
    }
}
