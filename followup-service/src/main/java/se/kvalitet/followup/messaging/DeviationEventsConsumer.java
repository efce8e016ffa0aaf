package se.kvalitet.followup.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCodec;
import se.kvalitet.followup.derived.DeviationFacts;
import se.kvalitet.messaging.Inbox;

/**
 * Keeps the facts behind the indicators derived from deviations (counts, shares notified to IVO and
 * IMY, days to close, actions on time) from deviation-service's events, once per event (inbox).
 */
@ApplicationScoped
public class DeviationEventsConsumer {

    static final String CONSUMER = "followup.deviation-facts";

    @Inject
    Inbox inbox;

    @Inject
    DeviationFacts facts;

    @Incoming("deviation-events")
    @Blocking(ordered = true)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, env -> {
            DomainEvent event = EventCodec.data(env);
            if (event != null) {
                facts.apply(event);
            }
        });
    }
}
