package se.kvalitet.deviation.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.deviation.service.OrgUnitCopy;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.messaging.Inbox;

/** Keeps {@link OrgUnitCopy} from process-registry-service's snapshots, once per event (inbox). */
@ApplicationScoped
public class RegistryEventsConsumer {

    static final String CONSUMER = "deviation.org-units";

    @Inject
    Inbox inbox;

    @Inject
    OrgUnitCopy orgUnits;

    @Incoming("registry-events")
    @Blocking(ordered = true)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, env -> {
            if (OrgUnitChangedV1.TYPE.equals(env.type())) {
                orgUnits.apply(EventCodec.data(env, OrgUnitChangedV1.class));
            }
        });
    }
}
