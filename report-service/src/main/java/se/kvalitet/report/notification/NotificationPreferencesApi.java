package se.kvalitet.report.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the notification preferences (aviseringsinställningar) resource. */
public final class NotificationPreferencesApi {

    private NotificationPreferencesApi() {}

    @Schema(name = "NotificationPreferencesRequest", description = "How the logged-in person wants to be told")
    public record PreferencesRequest(
            @NotNull
            @Schema(
                    required = true,
                    description = "IMMEDIATE: one mail per matter; DAILY_DIGEST: one mail a day with the "
                            + "matters pending; OFF: none",
                    example = "DAILY_DIGEST")
            Delivery delivery) {}

    @Schema(name = "NotificationPreferences", description = "The logged-in person's notification preferences")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preferences(
            @Schema(description = "The person (Keycloak preferred_username)", example = "erik")
            String username,

            @Schema(
                    description = "Where mail goes: the e-mail address of the person's account (Keycloak, "
                            + "administered centrally), taken from the access token on every save",
                    example = "erik@kvalitet.example")
            String email,

            @Schema(
                    description = "The delivery in force; until the person has saved once, the directory's default "
                            + "(DAILY_DIGEST for the holders of a notified role with an address in Keycloak, else OFF)")
            Delivery delivery,

            @Schema(
                    description = "Whether the person has saved preferences (a saved choice is never changed by "
                            + "the directory synchronisation)")
            boolean saved,

            @Schema(
                    description = "The person's roles that are notified (quality-team: deviation deadlines and "
                            + "reports for approval; unit-manager: actions, egenkontroll, initiatives, document "
                            + "reviews and escalations; process-owner: document reviews)",
                    example = "[\"unit-manager\"]")
            List<String> notifiedRoles,

            @Schema(description = "The org units the person acts for, as stored at the last save")
            List<UUID> orgUnitIds,

            @Schema(description = "When the preferences were last saved")
            Instant updatedAt) {}
}
