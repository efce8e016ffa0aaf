package se.kvalitet.events.registry;

import java.util.List;
import se.kvalitet.events.DomainEvent;

/** Every event type process-registry-service publishes; {@link se.kvalitet.events.EventCatalog} joins these lists. */
public final class RegistryEvents {

    public static final List<Class<? extends DomainEvent>> ALL = List.of(
            OrgUnitChangedV1.class,
            DocumentApprovedV1.class,
            DocumentSupersededV1.class,
            DocumentWithdrawnV1.class,
            DocumentReviewedV1.class,
            DocumentReviewDueV1.class,
            DocumentReviewOverdueV1.class,
            RiskAssessedV1.class,
            UnitCoverageChangedV1.class);

    private RegistryEvents() {}
}
