package se.kvalitet.followup.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.events.registry.RiskAssessedV1;
import se.kvalitet.followup.registry.RegistryReferences;
import se.kvalitet.messaging.Inbox;
import se.kvalitet.orgcopy.OrgCopy;

/**
 * Keeps the local copies of process-registry-service's organisation tree (for roll-ups and unit
 * managers' subtrees) and of its routines and risks (links of egenkontroll plans), through the
 * inbox: a redelivered event has no second effect. (The consumer name dates from when it kept the
 * org units only; it stays so that events seen before are not applied again.)
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    static final String CONSUMER = "followup.org-units";

    @Inject
    Inbox inbox;

    @Inject
    OrgCopy orgUnits;

    @Inject
    RegistryReferences references;

    @Incoming("registry-events")
    @Blocking(ordered = true)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, env -> {
            switch (env.type()) {
                case OrgUnitChangedV1.TYPE -> orgUnits.apply(EventCodec.data(env, OrgUnitChangedV1.class));
                case DocumentApprovedV1.TYPE -> references.apply(EventCodec.data(env, DocumentApprovedV1.class));
                case DocumentWithdrawnV1.TYPE -> references.apply(EventCodec.data(env, DocumentWithdrawnV1.class));
                case RiskAssessedV1.TYPE -> references.apply(EventCodec.data(env, RiskAssessedV1.class));
                default -> {
                    // not needed here
                }
            }
        });
    }
}
