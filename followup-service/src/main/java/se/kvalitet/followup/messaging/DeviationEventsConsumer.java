package se.kvalitet.followup.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.followup.derived.DeviationFacts;
import se.kvalitet.messaging.Inbox;

/**
 * Keeps the facts behind the indicators derived from deviations (counts, shares notified to IVO and
 * IMY, days to close, actions on time) from deviation-service's events, once per event (inbox). The
 * channel receives whole polls (batch mode) and applies each in one transaction; a batch that fails
 * is applied record by record, so only a record that fails alone goes to the dead letters.
 */
@ApplicationScoped
public class DeviationEventsConsumer {

    static final String CONSUMER = "followup.deviation-facts";

    @Inject
    Inbox inbox;

    @Inject
    DeviationFacts facts;

    /** false: each record in its own transaction, as before batch consumption (for comparison and as a way back). */
    @ConfigProperty(name = "kvalitet.followup.consumer.apply-in-batches", defaultValue = "true")
    volatile boolean applyInBatches;

    @Incoming("deviation-events")
    @Blocking(ordered = true)
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        records.forEach(batch::add);
        consume(batch);
    }

    /** Applies the records of one poll (per partition, so per key, in offset order). */
    void consume(List<ConsumerRecord<String, byte[]>> batch) {
        if (applyInBatches) {
            inbox.processBatch(CONSUMER, batch, this::apply);
        } else {
            for (ConsumerRecord<String, byte[]> record : batch) {
                inbox.process(CONSUMER, record, env -> apply(List.of(env)));
            }
        }
    }

    /** The effect of events the inbox has not seen before, in their order. */
    void apply(List<EventEnvelope> events) throws java.sql.SQLException {
        List<DomainEvent> known = new ArrayList<>(events.size());
        for (EventEnvelope env : events) {
            DomainEvent event = EventCodec.data(env);
            if (event != null) {
                known.add(event);
            }
        }
        if (!known.isEmpty()) {
            facts.applyAll(known);
        }
    }

    /** Switches between batch and one-at-a-time application at runtime (the throughput benchmark compares them). */
    void applyInBatches(boolean inBatches) {
        this.applyInBatches = inBatches;
    }
}
