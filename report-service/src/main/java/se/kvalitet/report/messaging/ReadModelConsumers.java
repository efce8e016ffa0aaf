package se.kvalitet.report.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.messaging.Inbox;
import se.kvalitet.report.readmodel.DeviationProjection;
import se.kvalitet.report.readmodel.FollowupProjection;
import se.kvalitet.report.readmodel.Projection;
import se.kvalitet.report.readmodel.RegistryProjection;

/**
 * The live consumers: every record of the three topics goes through the inbox (once per event id
 * and projection) into its projection. The rebuild command replays the same topics through the
 * same {@link Projection#apply}.
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

    @Incoming("deviation-events")
    @Blocking(ordered = true)
    public void onDeviationEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(deviations.consumer(), record, deviations::apply);
    }

    @Incoming("registry-events")
    @Blocking(ordered = true)
    public void onRegistryEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(registry.consumer(), record, registry::apply);
    }

    @Incoming("followup-events")
    @Blocking(ordered = true)
    public void onFollowupEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(followup.consumer(), record, followup::apply);
    }
}
