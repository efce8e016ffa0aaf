package se.kvalitet.report.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.messaging.Inbox;
import se.kvalitet.report.readmodel.DeviationProjection;
import se.kvalitet.report.readmodel.FollowupProjection;
import se.kvalitet.report.readmodel.Projection;
import se.kvalitet.report.readmodel.RegistryProjection;

/**
 * The live consumers: each channel receives what one poll of its topic returned (batch mode, at most
 * {@code max.poll.records}) and applies it through the inbox in one transaction (once per event id
 * and projection, summaries once per batch; a failing batch is applied record by record, so only a
 * record that fails alone goes to the dead letters). The rebuild command replays the same topics
 * through the same {@link Projection#applyAll}.
 */
@ApplicationScoped
public class ReadModelConsumers {

    @Inject
    Inbox inbox;

    @Inject
    DeviationProjection deviations;

    @Inject
    RegistryProjection registry;

    @Inject
    FollowupProjection followup;

    /** false: each record in its own transaction, as before batch consumption (for comparison and as a way back). */
    @ConfigProperty(name = "kvalitet.report.consumer.apply-in-batches", defaultValue = "true")
    volatile boolean applyInBatches;

    @Incoming("deviation-events")
    @Blocking(ordered = true)
    public void onDeviationEvents(ConsumerRecords<String, byte[]> records) {
        consume(deviations, records);
    }

    @Incoming("registry-events")
    @Blocking(ordered = true)
    public void onRegistryEvents(ConsumerRecords<String, byte[]> records) {
        consume(registry, records);
    }

    @Incoming("followup-events")
    @Blocking(ordered = true)
    public void onFollowupEvents(ConsumerRecords<String, byte[]> records) {
        consume(followup, records);
    }

    /** Applies the records (in poll order: per partition, so per key, in offset order) to the projection. */
    void consume(Projection projection, Iterable<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        records.forEach(batch::add);
        if (applyInBatches) {
            inbox.processBatch(projection.consumer(), batch, projection::applyAll);
        } else {
            for (ConsumerRecord<String, byte[]> record : batch) {
                inbox.process(projection.consumer(), record, projection::apply);
            }
        }
    }

    /** Switches between batch and one-at-a-time application at runtime (the throughput benchmark compares them). */
    void applyInBatches(boolean inBatches) {
        this.applyInBatches = inBatches;
    }
}
