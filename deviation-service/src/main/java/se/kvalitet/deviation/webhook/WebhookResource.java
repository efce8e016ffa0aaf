package se.kvalitet.deviation.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.intake.IdempotencyKeys;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.idempotency.IdempotencyKeyRequiredFilter;
import se.kvalitet.web.idempotency.IdempotentCreate;

/**
 * Webhook subscriptions of case-management systems (issue 19 item 2): the CloudEvents HTTP webhook binding, signed
 * deliveries, retries and a dead-letter list the subscriber reads and replays.
 */
@Path("/deviation/v1/webhook-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Webhooks",
        description = "A case-management system hears when its own reports are received, taken up and closed")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(Roles.CASE_SYSTEM)
public class WebhookResource {

    @Inject
    WebhookSubscriptions subscriptions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @IdempotentCreate
    @Operation(
            summary = "Subscribe to the stages of the reports this system filed",
            description = "The target must first pass the CloudEvents validation handshake (OPTIONS with "
                    + "WebHook-Request-Origin, answered 200 with WebHook-Allowed-Origin). Deliveries are CloudEvents "
                    + "(structured or binary mode) signed as Standard Webhooks do (webhook-id, webhook-timestamp, "
                    + "webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body> with the secret returned here). "
                    + "Idempotency-Key required: a retry with the same key and body returns the same subscription.")
    @APIResponse(
            responseCode = "201",
            description = "Subscribed; the secret is shown here only",
            content = @Content(schema = @Schema(implementation = WebhookDtos.CreatedSubscription.class)))
    @APIResponse(
            responseCode = "200",
            description = "A retry with the same Idempotency-Key: the subscription it created",
            content = @Content(schema = @Schema(implementation = WebhookDtos.CreatedSubscription.class)))
    @APIResponse(
            responseCode = "409",
            description = "Too many active subscriptions for this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description =
                    "The target failed the validation handshake, or the Idempotency-Key was used for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "No Idempotency-Key: nothing was created",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response subscribe(
            @Parameter(description = "A key unique per subscription request (a UUID, for example)")
                    @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @NotNull @Valid WebhookDtos.NewSubscription request) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            // whoever may subscribe is a machine client, which IdempotencyKeyRequiredFilter already refuses without
            // a key; this holds even where the machine roles are configured differently (the key is a column)
            throw new ProblemException(
                            428,
                            IdempotencyKeyRequiredFilter.PROBLEM_SLUG,
                            "Idempotency-Key required",
                            "Subscribing needs an Idempotency-Key header (a UUID, for example), sent again unchanged "
                                    + "with every retry of the same request")
                    .with("header", IdempotencyKeys.HEADER);
        }
        IdempotencyKeys.validate(idempotencyKey);
        WebhookSubscriptions.Created created = subscriptions.create(
                new NewSubscription(request.url(), request.types(), request.mode()), idempotencyKey);
        URI location = URI.create(
                "/deviation/v1/webhook-subscriptions/" + created.subscription().id());
        return created.replayed()
                ? Response.ok(WebhookDtos.created(created.subscription()))
                        .location(location)
                        .header("Idempotent-Replayed", "true")
                        .build()
                : Response.created(location)
                        .entity(WebhookDtos.created(created.subscription()))
                        .build();
    }

    @GET
    @Operation(summary = "This system's subscriptions")
    @APIResponse(responseCode = "200", description = "The subscriptions, oldest first")
    public List<WebhookDtos.SubscriptionView> list() {
        return subscriptions.list().stream().map(WebhookDtos::view).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One subscription")
    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(
            responseCode = "404",
            description = "No such subscription of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookDtos.SubscriptionView get(@PathParam("id") UUID id) {
        return WebhookDtos.view(subscriptions.get(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "End a subscription (its queued and dead deliveries go with it)")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(
            responseCode = "404",
            description = "No such subscription of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        subscriptions.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(
            summary = "The subscription's deliveries",
            description = "status=DEAD is the dead-letter list: deliveries that gave up after the last retry.")
    @APIResponse(responseCode = "200", description = "A page of deliveries, oldest first")
    @APIResponse(
            responseCode = "400",
            description = "An unknown status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such subscription of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<WebhookDtos.DeliveryView> deliveries(
            @PathParam("id") UUID id,
            @Parameter(description = "PENDING, DELIVERED or DEAD") @QueryParam("status") String status,
            @Valid @BeanParam PageParams page) {
        return subscriptions.deliveries(id, status, page).map(WebhookDtos::view);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redelivery")
    @Operation(summary = "Send a dead delivery again (it goes back in the queue with a fresh set of attempts)")
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content = @Content(schema = @Schema(implementation = WebhookDtos.DeliveryView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such subscription or delivery of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The delivery is not on the dead-letter list",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(WebhookDtos.view(subscriptions.redeliver(id, deliveryId)))
                .build();
    }

    @POST
    @Path("{id}/dead-letters/replay")
    @Operation(summary = "Send every dead delivery of the subscription again")
    @APIResponse(
            responseCode = "202",
            description = "How many were queued",
            content = @Content(schema = @Schema(implementation = WebhookDtos.Replay.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such subscription of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("id") UUID id) {
        return Response.accepted(new WebhookDtos.Replay(subscriptions.replayDead(id)))
                .build();
    }
}
