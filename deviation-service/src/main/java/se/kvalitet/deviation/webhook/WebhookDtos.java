package se.kvalitet.deviation.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the webhook subscriptions. */
public final class WebhookDtos {

    private WebhookDtos() {}

    @Schema(name = "NewWebhookSubscription")
    public record NewSubscription(
            @Schema(
                    description = "Where deliveries go: https (plain http only for the hosts the installation "
                            + "allows, by default localhost). It must pass the CloudEvents validation handshake: "
                            + "answer an OPTIONS request carrying WebHook-Request-Origin with 200 and "
                            + "WebHook-Allowed-Origin (that origin or *).",
                    examples = "https://verksamhetssystem.example.se/kvalitet/events")
            @NotBlank
            @Size(max = 2000)
            String url,

            @Schema(
                    description = "Event types: se.kvalitet.deviation.reported.v1, se.kvalitet.deviation.triaged.v1, "
                            + "se.kvalitet.deviation.closed.v1 (the stages of a report its filer may read)")
            @NotEmpty
            @Size(max = 10)
            List<@NotBlank @Size(max = 200) String> types,

            @Schema(description = "STRUCTURED (default) or BINARY content mode")
            DeliveryMode mode) {}

    @Schema(name = "WebhookSubscription")
    public record SubscriptionView(
            @NotNull UUID id,
            @NotNull String url,
            @NotNull List<String> types,
            @NotNull DeliveryMode mode,

            @NotNull @Schema(description = "ACTIVE, or DISABLED after the receiver answered 410 Gone")
            String status,

            @NotNull Instant createdAt) {}

    @Schema(name = "CreatedWebhookSubscription")
    public record CreatedSubscription(
            @NotNull UUID id,
            @NotNull String url,
            @NotNull List<String> types,
            @NotNull DeliveryMode mode,
            @NotNull String status,
            @NotNull Instant createdAt,

            @NotNull
            @Schema(
                    description = "The signing secret (whsec_…), shown only here and on a retry of this request "
                            + "with the same Idempotency-Key: keep it, every delivery is signed with it")
            String secret) {}

    @Schema(name = "WebhookDelivery")
    public record DeliveryView(
            @NotNull UUID id,

            @NotNull @Schema(description = "The CloudEvent's id (also webhook-id): the receiver's key for duplicates")
            String eventId,

            @NotNull String eventType,

            @NotNull @Schema(description = "PENDING, DELIVERED or DEAD (the dead-letter list)")
            String status,

            int attempts,

            @Schema(description = "The HTTP status of the last attempt, when one answered")
            Integer lastStatus,

            @Schema(description = "Why the last attempt failed (no response body is kept)")
            String lastError,

            @NotNull Instant createdAt,

            @Schema(description = "When the next attempt is due (PENDING)")
            Instant nextAttemptAt,

            Instant deliveredAt) {}

    static SubscriptionView view(WebhookStore.Subscription s) {
        return new SubscriptionView(s.id(), s.url(), s.types(), s.mode(), s.status(), s.createdAt());
    }

    static CreatedSubscription created(WebhookStore.Subscription s) {
        return new CreatedSubscription(s.id(), s.url(), s.types(), s.mode(), s.status(), s.createdAt(), s.secret());
    }

    static DeliveryView view(WebhookStore.Delivery d) {
        return new DeliveryView(
                d.id(),
                d.eventId(),
                d.eventType(),
                d.status(),
                d.attempts(),
                d.lastStatus(),
                d.lastError(),
                d.createdAt(),
                "PENDING".equals(d.status()) ? d.nextAttemptAt() : null,
                d.deliveredAt());
    }

    @Schema(name = "WebhookReplay")
    public record Replay(
            @Schema(description = "Dead deliveries put back in the queue")
            int replayed) {}
}
