package se.kvalitet.events.deviation;

import java.util.List;
import se.kvalitet.events.DomainEvent;

/** Every event type deviation-service publishes; {@link se.kvalitet.events.EventCatalog} joins these lists. */
public final class DeviationEvents {

    public static final List<Class<? extends DomainEvent>> ALL = List.of(
            DeviationReportedV1.class,
            DeviationTriagedV1.class,
            DeviationTrackOpenedV1.class,
            DeviationInvestigatorAssignedV1.class,
            DeviationTrackClosedV1.class,
            DeviationInvestigationCompletedV1.class,
            DeviationAuthorityNotifiedV1.class,
            DeviationActionAddedV1.class,
            DeviationActionDoneV1.class,
            DeviationActionEffectCheckedV1.class,
            DeviationDeadlineDueSoonV1.class,
            DeviationDeadlineOverdueV1.class,
            DeviationClosedV1.class);

    private DeviationEvents() {}
}
