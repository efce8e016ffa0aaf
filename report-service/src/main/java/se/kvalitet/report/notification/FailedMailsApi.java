package se.kvalitet.report.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the failed notification mails resource. */
public final class FailedMailsApi {

    private FailedMailsApi() {}

    @Schema(
            name = "FailedNotificationMail",
            description = "A notification mail the sender gave up on after its attempts. The recipient is named by "
                    + "username only (the address is in Keycloak); the subject says what and by when, never case data")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailedMail(
            @Schema(description = "The mail's id (for the retry)")
            UUID id,

            @Schema(description = "The recipient (Keycloak preferred_username)", example = "karin")
            String username,

            @Schema(description = "IMMEDIATE (one matter) or DAILY_DIGEST", example = "IMMEDIATE")
            String kind,

            @Schema(description = "The digest's day (DAILY_DIGEST only)")
            LocalDate digestDay,

            @Schema(
                    description = "The mail's subject",
                    example = "Kvalitet: Avvikelse: utredning (försenad, 2026-11-30)")
            String subject,

            @Schema(description = "Attempts made") int attempts,

            @Schema(
                    description = "The last error's kind: exception classes only, never a message (which could echo "
                            + "an address)",
                    example = "io.quarkus.mailer.MailerException")
            String lastError,

            @Schema(description = "When the mail was decided")
            Instant createdAt,

            @Schema(
                    description = "Whether the person is still a recipient (saved preferences or listed by the "
                            + "directory); a retry needs it")
            boolean recipientListed,

            @Schema(
                    description = "Whether the person's address has changed since this mail was addressed (a retry "
                            + "goes to the current one)")
            boolean addressChanged) {}

    @Schema(name = "RetriedNotificationMail", description = "A failed mail queued again for the sender")
    public record RetriedMail(
            @Schema(description = "The mail's id") UUID id,

            @Schema(description = "PENDING: the sender takes it on its next pass", example = "PENDING")
            String status,

            @Schema(description = "When the sender may take it")
            Instant nextAttemptAt) {}
}
