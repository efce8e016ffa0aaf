package se.kvalitet.deviation.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.messaging.Inbox;

/**
 * Turns deviation-service's own events into deliveries: it reads {@code kvalitet.deviation.events} like any other
 * consumer (through the inbox, once per event id, in its own consumer group), and in the transaction that records the
 * event in the inbox it adds one delivery per matching subscription to the per-subscription outbox
 * ({@code webhook_delivery}, unique per subscription and event). A restart or a second replica therefore neither
 * loses nor doubles a delivery row; the dispatcher sends them.
 *
 * <p>What a delivery carries is what its subscriber may read as the report's filer: the CloudEvent's id, type, time
 * and subject (the report's id), and as data the report's id, the subscriber's own external reference and the stage
 * (RECEIVED, IN_PROGRESS, CLOSED), with {@code dataref} pointing at the report. No category, unit, date of what
 * happened or text: a filer is not told how its report was classified, and the rest it reads with its own token.
 */
@ApplicationScoped
public class WebhookFanOut {

    static final String CONSUMER = "deviation.webhooks";

    @Inject
    Inbox inbox;

    @Inject
    WebhookStore store;

    @Inject
    WebhookSettings settings;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    WebhookDispatcher dispatcher;

    /**
     * A whole poll at a time (batch mode), in one transaction: the inbox keys of the batch in one statement, then one
     * look-up whether any subscription is active at all; only then, per event, the report's filer and its
     * subscriptions. Most installations have few subscribers and most reports come from people, so the common batch
     * costs two statements and one commit instead of three statements and a commit per event (issue 18 item 5).
     */
    @Incoming("webhook-events")
    @Blocking(ordered = true)
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        boolean[] queued = {false};
        inbox.processBatch(CONSUMER, batch, events -> {
            if (!store.anyActive()) {
                return;
            }
            for (EventEnvelope env : events) {
                queued[0] |= fanOut(env);
            }
        });
        if (queued[0]) {
            dispatcher.wake();
        }
    }

    boolean fanOut(EventEnvelope env) {
        Optional<String> stage = WebhookTypes.filerStage(env.type());
        if (stage.isEmpty() || env.subject() == null) {
            return false;
        }
        UUID deviationId;
        try {
            deviationId = UUID.fromString(env.subject());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<String[]> filer = store.filer(deviationId);
        if (filer.isEmpty()) {
            return false; // a person's report: no machine client filed it
        }
        String[] f = filer.get();
        boolean any = false;
        for (WebhookStore.Subscription s : store.activeFor(f[0], f[1], env.type())) {
            store.enqueue(
                    s.id(), env.id(), env.type(), payload(env, deviationId, stage.get(), f[2], f[3]), clock.instant());
            any = true;
        }
        return any;
    }

    /** The delivery as a structured-mode CloudEvent. */
    String payload(EventEnvelope env, UUID deviationId, String stage, String source, String externalId) {
        ObjectNode e = json.createObjectNode();
        e.put("specversion", EventEnvelope.SPEC_VERSION);
        e.put("id", env.id());
        e.put("source", env.source().toString());
        e.put("type", env.type());
        e.put("subject", env.subject());
        if (env.time() != null) {
            e.put("time", env.time().toString());
        }
        e.put("datacontenttype", "application/json");
        String base = settings.publicBaseUrl().endsWith("/")
                ? settings.publicBaseUrl().substring(0, settings.publicBaseUrl().length() - 1)
                : settings.publicBaseUrl();
        e.put("dataref", base + "/deviation/v1/deviations/" + deviationId);
        ObjectNode data = e.putObject("data");
        data.put("deviationId", deviationId.toString());
        data.put("stage", stage);
        if (source != null && externalId != null) {
            ObjectNode ref = data.putObject("externalReference");
            ref.put("source", source);
            ref.put("id", externalId);
        }
        return e.toString();
    }
}
