package se.kvalitet.followup.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.followup.service.OrgUnits;
import se.kvalitet.messaging.Inbox;

/**
 * Keeps the local copy of the organisation tree (for roll-ups and unit managers' subtrees) from
 * process-registry-service's snapshots, through the inbox: a redelivered snapshot has no second effect.
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    static final String CONSUMER = "followup.org-units";

    @Inject
    Inbox inbox;

    @Inject
    OrgUnits orgUnits;

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
