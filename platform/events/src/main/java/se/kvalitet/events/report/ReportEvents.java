package se.kvalitet.events.report;

import java.util.List;
import se.kvalitet.events.DomainEvent;

/** Every event type report-service publishes; {@link se.kvalitet.events.EventCatalog} joins these lists. */
public final class ReportEvents {

    public static final List<Class<? extends DomainEvent>> ALL =
            List.of(ReportGeneratedV1.class, ReportApprovedV1.class);

    private ReportEvents() {}
}
