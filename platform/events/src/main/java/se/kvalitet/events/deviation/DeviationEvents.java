package se.kvalitet.events.deviation;

import java.util.List;
import se.kvalitet.events.DomainEvent;

/** Every event type deviation-service publishes; {@link se.kvalitet.events.EventCatalog} joins these lists. */
public final class DeviationEvents {

    public static final List<Class<? extends DomainEvent>> ALL = List.of(
            DeviationReportedV1.class);

    private DeviationEvents() {
    }
}
