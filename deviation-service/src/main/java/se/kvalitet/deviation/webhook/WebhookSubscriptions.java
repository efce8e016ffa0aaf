package se.kvalitet.deviation.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import se.kvalitet.web.Caller;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.input.BodyScreening;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/** The subscription use cases of a machine client: create (after the validation handshake), read, end, replay. */
@ApplicationScoped
public class WebhookSubscriptions {

    /** A created subscription, and whether this request created it or replayed an earlier one with the same key. */
    public record Created(WebhookStore.Subscription subscription, boolean replayed) {}

    @Inject
    WebhookStore store;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookTargets targets;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public Created create(NewSubscription request, String idempotencyKey) {
        String client = client();
        String hash = hash(request);
        Optional<WebhookStore.Subscription> earlier = store.byKey(client, caller.subject(), idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), hash);
        }
        URI url = target(request.url());
        List<String> types = types(request.types());
        DeliveryMode mode = request.mode() == null ? DeliveryMode.STRUCTURED : request.mode();
        if (store.activeCount(client, caller.subject()) >= settings.maxSubscriptionsPerClient()) {
            throw new ProblemException(
                    409,
                    "too-many-subscriptions",
                    "Too many subscriptions",
                    "A client may hold at most " + settings.maxSubscriptionsPerClient()
                            + " active subscriptions; end one first");
        }
        handshake(url);
        WebhookStore.Subscription s = new WebhookStore.Subscription(
                UUID.randomUUID(),
                client,
                caller.subject(),
                url.toString(),
                types,
                mode,
                WebhookSignature.newSecret(),
                "ACTIVE",
                hash,
                clock.instant());
        if (!store.insert(s, idempotencyKey)) {
            // a concurrent retry with the same key won
            return replay(store.byKey(client, caller.subject(), idempotencyKey).orElseThrow(), hash);
        }
        return new Created(s, false);
    }

    public List<WebhookStore.Subscription> list() {
        return store.ownedBy(client(), caller.subject());
    }

    public WebhookStore.Subscription get(UUID id) {
        return owned(id);
    }

    public void delete(UUID id) {
        if (!store.delete(id, client(), caller.subject())) {
            throw notFound();
        }
    }

    public Page<WebhookStore.Delivery> deliveries(UUID id, String status, PageParams page) {
        owned(id);
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !List.of("PENDING", "DELIVERED", "DEAD").contains(s)) {
            throw ProblemException.invalidField("status", "must be PENDING, DELIVERED or DEAD");
        }
        List<WebhookStore.Delivery> items = store.deliveries(id, s, page.offset(), page.limit);
        return new Page<>(items, page.page, page.limit, store.deliveryCount(id, s));
    }

    public WebhookStore.Delivery redeliver(UUID id, UUID deliveryId) {
        owned(id);
        WebhookStore.Delivery d = store.delivery(id, deliveryId).orElseThrow(WebhookSubscriptions::notFound);
        if (!"DEAD".equals(d.status())) {
            throw new ProblemException(
                    409,
                    "delivery-not-dead",
                    "Not on the dead-letter list",
                    "Only a delivery that gave up (DEAD) can be sent again; this one is " + d.status());
        }
        store.replay(id, deliveryId, clock.instant());
        // the row as queued, read before the dispatcher is woken: read after, it could already be DELIVERED
        WebhookStore.Delivery queued = store.delivery(id, deliveryId).orElseThrow();
        dispatcher.wake();
        return queued;
    }

    public int replayDead(UUID id) {
        owned(id);
        int n = store.replay(id, null, clock.instant());
        if (n > 0) {
            dispatcher.wake();
        }
        return n;
    }

    private WebhookStore.Subscription owned(UUID id) {
        return store.owned(id, client(), caller.subject()).orElseThrow(WebhookSubscriptions::notFound);
    }

    private String client() {
        String c = caller.clientId();
        if (c == null || c.isBlank()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only a machine client may subscribe");
        }
        return c;
    }

    private Created replay(WebhookStore.Subscription s, String hash) {
        if (!s.requestHash().equals(hash)) {
            throw new ProblemException(
                    422,
                    "idempotency-key-reused",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request");
        }
        return new Created(s, true);
    }

    /** The CloudEvents webhook validation handshake (abuse protection): the target must agree to receive. */
    void handshake(URI url) {
        HttpRequest options = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("WebHook-Request-Origin", settings.origin())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<Void> response;
        try {
            response = dispatcher.http().send(options, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw handshakeFailed(
                    "the URL could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw handshakeFailed("interrupted");
        }
        if (response.statusCode() != 200 && response.statusCode() != 204) {
            throw handshakeFailed("the OPTIONS request was answered " + response.statusCode() + ", not 200");
        }
        Optional<String> allowed = response.headers().firstValue("WebHook-Allowed-Origin");
        if (allowed.isEmpty()
                || !(allowed.get().trim().equals("*") || allowed.get().trim().equalsIgnoreCase(settings.origin()))) {
            throw handshakeFailed("the answer did not allow the origin " + settings.origin()
                    + " (WebHook-Allowed-Origin must be that origin or *)");
        }
    }

    private static ProblemException handshakeFailed(String why) {
        return new ProblemException(
                422,
                "webhook-validation-failed",
                "Webhook validation failed",
                "The CloudEvents validation handshake failed: " + why,
                List.of(new Problem.FieldError("url", "did not pass the validation handshake")));
    }

    URI target(String raw) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("url", "must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw ProblemException.invalidField("url", "must be an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ProblemException.invalidField("url", "must not carry user information or a fragment");
        }
        if (PersonalIdentityNumbers.containsAny(uri.getHost() + " " + uri.getPath() + " " + uri.getQuery())) {
            // percent-encoded (%31%39…), which the body's screening of the raw text does not read: the same 422
            throw BodyScreening.refused(List.of(new Problem.FieldError("url", BodyScreening.TEXT_MESSAGE)));
        }
        if (scheme.equals("http")
                && !settings.plainHttpHosts().contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw ProblemException.invalidField("url", "must use https");
        }
        Optional<String> refused = targets.refusal(uri);
        if (refused.isPresent()) {
            throw ProblemException.invalidField("url", refused.get());
        }
        return uri;
    }

    static List<String> types(List<String> requested) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String t = requested.get(i) == null ? "" : requested.get(i).strip();
            if (WebhookTypes.filerStage(t).isEmpty()) {
                errors.add(new Problem.FieldError(
                        "types[" + i + "]",
                        "not a type a filing system may subscribe to; one of "
                                + String.join(", ", WebhookTypes.FILER_STAGES.keySet())));
            } else {
                out.add(t);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(
                    "validation", "types: " + errors.get(0).message(), errors);
        }
        return List.copyOf(out);
    }

    private String hash(NewSubscription request) {
        try {
            byte[] body = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not fingerprint the request", e);
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "not-found", "Not found", "No such subscription of this client");
    }
}
