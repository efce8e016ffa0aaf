package se.kvalitet.report.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationActionEffectCheckedV1;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationDeadlineOverdueV1;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.report.repository.DeviationFactRepository;

/** Deviation facts from deviation-service's events (the due-soon warnings are not needed for reports). */
@ApplicationScoped
public class DeviationProjection implements Projection {

    public static final String CONSUMER = "report.deviation-facts";

    @Inject
    DeviationFactRepository facts;

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public String topic() {
        return Topics.DEVIATION;
    }

    @Override
    public List<String> tables() {
        return List.of(
                "deviation_fact",
                "deviation_fact_involved_unit",
                "deviation_fact_triage",
                "deviation_fact_category",
                "deviation_fact_track",
                "deviation_fact_root_cause",
                "deviation_fact_notification",
                "deviation_fact_action",
                "deviation_fact_overdue");
    }

    @Override
    public void apply(EventEnvelope env) {
        applyAll(List.of(env));
    }

    /**
     * Applies the events in their order, then recomputes the summary columns of the reports they
     * touched once (one statement, so the day cells' triggers run once per batch too).
     */
    @Override
    public void applyAll(List<EventEnvelope> events) {
        Set<UUID> touched = new LinkedHashSet<>();
        for (EventEnvelope env : events) {
            UUID refresh = record(env);
            if (refresh != null) {
                touched.add(refresh);
            }
        }
        facts.refresh(touched);
    }

    /** Stores one event's facts; returns the report whose summary columns it may change, if any. */
    private UUID record(EventEnvelope env) {
        switch (env.type()) {
            case DeviationReportedV1.TYPE -> {
                return facts.recordReported(EventCodec.data(env, DeviationReportedV1.class));
            }
            case DeviationTriagedV1.TYPE -> {
                return facts.recordTriaged(EventCodec.data(env, DeviationTriagedV1.class));
            }
            case DeviationTrackOpenedV1.TYPE -> {
                return facts.recordTrackOpened(EventCodec.data(env, DeviationTrackOpenedV1.class));
            }
            case DeviationInvestigationCompletedV1.TYPE -> {
                return facts.recordInvestigation(EventCodec.data(env, DeviationInvestigationCompletedV1.class));
            }
            case DeviationTrackClosedV1.TYPE -> {
                return facts.recordTrackClosed(EventCodec.data(env, DeviationTrackClosedV1.class));
            }
            case DeviationAuthorityNotifiedV1.TYPE -> {
                return facts.recordNotification(EventCodec.data(env, DeviationAuthorityNotifiedV1.class));
            }
            case DeviationActionAddedV1.TYPE ->
                facts.recordActionAdded(EventCodec.data(env, DeviationActionAddedV1.class));
            case DeviationActionDoneV1.TYPE ->
                facts.recordActionDone(EventCodec.data(env, DeviationActionDoneV1.class));
            case DeviationActionEffectCheckedV1.TYPE ->
                facts.recordEffectChecked(EventCodec.data(env, DeviationActionEffectCheckedV1.class));
            case DeviationDeadlineOverdueV1.TYPE ->
                facts.recordOverdue(EventCodec.data(env, DeviationDeadlineOverdueV1.class));
            case DeviationClosedV1.TYPE -> {
                return facts.recordClosed(EventCodec.data(env, DeviationClosedV1.class));
            }
            default -> {
                // a type this read model does not use (or does not know yet)
            }
        }
        return null;
    }
}
