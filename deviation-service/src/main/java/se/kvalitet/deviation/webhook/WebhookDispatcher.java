package se.kvalitet.deviation.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Sends the queued deliveries: claims due rows under a lease (so replicas share the work and a crashed sender's rows
 * come back after the lease), posts each with its signature, and records the outcome. 2xx: delivered. 410 Gone: the
 * subscription ends (the CloudEvents webhook rule). 429 or 503 with {@code Retry-After}: the next attempt then. Any
 * other answer, a timeout or no connection: the next attempt after a backoff that doubles from
 * {@code first-backoff} up to {@code max-backoff}; after {@code max-attempts} the delivery goes to the
 * subscription's dead-letter list, which its owner reads and replays. At least once: a sender that dies after the
 * receiver answered but before recording it sends again, with the same {@code webhook-id}.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    WebhookStore store;

    @Inject
    WebhookSettings settings;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    WebhookTargets targets;

    @Inject
    ManagedExecutor executor;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile HttpClient http;

    HttpClient http() {
        HttpClient h = http;
        if (h == null) {
            h = HttpClient.newBuilder()
                    .connectTimeout(settings.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            http = h;
        }
        return h;
    }

    /** Sends what is due now, on a worker thread, unless a pass is already running. */
    void wake() {
        executor.execute(this::pass);
    }

    @Scheduled(
            every = "${kvalitet.webhooks.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        pass();
    }

    /**
     * Keeps the list of deliveries to what a client needs (issue 19 item 2): delivered rows older than
     * {@code kvalitet.webhooks.delivered-retention} go, in batches; every replica may run it, a row goes once.
     */
    @Scheduled(
            every = "1h",
            delay = 1,
            delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        purgeDelivered(clock.instant().minus(settings.deliveredRetention()));
    }

    /** Removes every delivery delivered before {@code before}; returns how many. */
    int purgeDelivered(Instant before) {
        int total = 0;
        int removed;
        do {
            removed = store.purgeDelivered(before, settings.purgeBatchSize());
            total += removed;
        } while (removed == settings.purgeBatchSize());
        if (total > 0) {
            LOG.infof("webhook deliveries delivered before %s removed: %d", before, total);
        }
        return total;
    }

    void pass() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            List<WebhookStore.Claimed> claimed;
            do {
                claimed = store.claim(clock.instant(), settings.lease().toSeconds(), settings.batchSize());
                for (WebhookStore.Claimed c : claimed) {
                    send(c);
                }
            } while (claimed.size() == settings.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("webhook dispatch pass failed: %s", e.getClass().getName());
        } finally {
            running.set(false);
        }
    }

    void send(WebhookStore.Claimed c) {
        WebhookStore.Delivery d = c.delivery();
        Integer status = null;
        String error;
        Duration retryAfter = null;
        try {
            Optional<String> refused = targets.refusal(URI.create(c.url()));
            if (refused.isPresent()) {
                // the name resolves into the installation's network now: no request, a failed attempt
                throw new RefusedTarget("the target " + refused.get());
            }
            HttpResponse<Void> response = http().send(request(c), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                store.delivered(d.id(), status, clock.instant());
                return;
            }
            if (status == 410) {
                LOG.infof(
                        "webhook subscription %s: the receiver answered 410 Gone; subscription disabled",
                        d.subscriptionId());
                store.gone(d.subscriptionId(), clock.instant());
                return;
            }
            error = "the receiver answered " + status;
            if (status == 429 || status == 503) {
                retryAfter = response.headers()
                        .firstValue("Retry-After")
                        .flatMap(WebhookDispatcher::seconds)
                        .orElse(null);
            }
        } catch (RefusedTarget e) {
            error = e.getMessage();
        } catch (HttpTimeoutException e) {
            error = "no answer within " + settings.timeout().toSeconds() + " s";
        } catch (IOException e) {
            error = "could not deliver: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        boolean dead = d.attempts() >= settings.maxAttempts();
        Instant next = clock.instant().plus(retryAfter != null ? retryAfter : backoff(d.attempts()));
        store.failed(d.id(), status, error, next, dead);
        LOG.infof(
                "webhook delivery %s (event %s) attempt %d failed: %s%s",
                d.id(), d.eventId(), d.attempts(), error, dead ? "; moved to the dead-letter list" : "");
    }

    Duration backoff(int attempts) {
        Duration wait = settings.firstBackoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 && s <= 86_400 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    HttpRequest request(WebhookStore.Claimed c) throws IOException {
        WebhookStore.Delivery d = c.delivery();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.url()))
                .timeout(settings.timeout())
                .header("WebHook-Request-Origin", settings.origin())
                .header("User-Agent", "kvalitet-webhooks/1");
        byte[] body;
        if (c.mode() == DeliveryMode.BINARY) {
            JsonNode event = json.readTree(d.payload());
            Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!"data".equals(f.getKey()) && !"datacontenttype".equals(f.getKey())) {
                    b.header("ce-" + f.getKey(), f.getValue().asText());
                }
            }
            body = json.writeValueAsBytes(event.get("data"));
            b.header("Content-Type", "application/json");
        } else {
            body = d.payload().getBytes(StandardCharsets.UTF_8);
            b.header("Content-Type", "application/cloudevents+json; charset=utf-8");
        }
        long timestamp = clock.instant().getEpochSecond();
        b.header("webhook-id", d.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(c.secret(), d.eventId(), timestamp, body));
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** A delivery not attempted because its target now resolves into the installation's network. */
    static final class RefusedTarget extends IOException {
        RefusedTarget(String message) {
            super(message, null);
        }
    }
}
