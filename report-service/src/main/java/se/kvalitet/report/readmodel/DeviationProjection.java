package se.kvalitet.report.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;

/** Deviation facts from deviation-service's events (the due-soon warnings are not needed for reports). */
@ApplicationScoped
public class DeviationProjection implements Projection {

    public static final String CONSUMER = "report.deviation-facts";

    @Inject
    DeviationFactWriter writer;

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
     * Applies the events as if one by one in their order, set-based: one multi-row statement per table
     * (and per run of events whose order matters), then the summary columns of the reports they touched
     * in one statement, so the day cells' triggers run once per batch too ({@link DeviationFactWriter}).
     */
    @Override
    public void applyAll(List<EventEnvelope> events) {
        try {
            writer.apply(events);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the deviation read model", e);
        }
    }
}
