package se.kvalitet.deviation.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.deviation.rootcause.RoutineCopy;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentSupersededV1;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.messaging.Inbox;
import se.kvalitet.orgcopy.OrgCopy;

/** Keeps {@link OrgCopy} and {@link RoutineCopy} from process-registry-service's events, once per event (inbox). */
@ApplicationScoped
public class RegistryEventsConsumer {

    static final String CONSUMER = "deviation.org-units";

    @Inject
    Inbox inbox;

    @Inject
    OrgCopy orgUnits;

    @Inject
    RoutineCopy routines;

    @Incoming("registry-events")
    @Blocking(ordered = true)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, env -> {
            switch (env.type()) {
                case OrgUnitChangedV1.TYPE -> orgUnits.apply(EventCodec.data(env, OrgUnitChangedV1.class));
                case DocumentApprovedV1.TYPE -> routines.apply(EventCodec.data(env, DocumentApprovedV1.class));
                case DocumentSupersededV1.TYPE -> routines.apply(EventCodec.data(env, DocumentSupersededV1.class));
                case DocumentWithdrawnV1.TYPE -> routines.apply(EventCodec.data(env, DocumentWithdrawnV1.class));
                default -> {
                    // other registry events (reviews, risks, coverage) are not needed here
                }
            }
        });
    }
}
