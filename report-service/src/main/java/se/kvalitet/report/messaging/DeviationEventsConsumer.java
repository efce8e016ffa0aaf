package se.kvalitet.report.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.messaging.Inbox;
import se.kvalitet.report.repository.DeviationFactRepository;

/** Builds the deviation read model from deviation-service's events, once per event (inbox). */
@ApplicationScoped
public class DeviationEventsConsumer {

    static final String CONSUMER = "report.deviation-facts";

    @Inject
    Inbox inbox;

    @Inject
    DeviationFactRepository facts;

    @Incoming("deviation-events")
    @Blocking(ordered = true)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, env -> {
            if (DeviationReportedV1.TYPE.equals(env.type())) {
                facts.recordReported(EventCodec.data(env, DeviationReportedV1.class));
            }
        });
    }
}
