package se.kvalitet.events.followup;

import java.util.List;
import se.kvalitet.events.DomainEvent;

/** Every event type followup-service publishes; {@link se.kvalitet.events.EventCatalog} joins these lists. */
public final class FollowupEvents {

    public static final List<Class<? extends DomainEvent>> ALL = List.of(
            MeasurementRecordedV1.class,
            TargetMissedV1.class,
            EgenkontrollExecutedV1.class,
            EgenkontrollOverdueV1.class,
            InitiativeCompletedV1.class,
            InitiativeOverdueV1.class,
            InternalControlOverdueV1.class,
            IndicatorChangedV1.class,
            IndicatorEvaluatedV1.class);

    private FollowupEvents() {}
}
