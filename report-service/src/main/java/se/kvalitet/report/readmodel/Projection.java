package se.kvalitet.report.readmodel;

import se.kvalitet.events.EventEnvelope;

/**
 * One read model fed by one topic: its inbox consumer name, the topic it replays from, and the
 * effect of one event (run inside the inbox's transaction). The live Kafka consumer and the
 * rebuild command both go through {@link #applyAll}, so a rebuild gives what live consumption gave.
 */
public interface Projection {

    /** The inbox consumer name (its rows in {@code inbox_event} are cleared by a rebuild). */
    String consumer();

    /** The topic the projection is built from. */
    String topic();

    /** The read-model tables this projection writes (truncated by a rebuild). */
    java.util.List<String> tables();

    /** Applies one event; types the projection does not use are ignored. */
    void apply(EventEnvelope event);

    /**
     * Applies a batch of events in their order (one transaction: the inbox's); a projection with
     * summary columns recomputes them once per batch rather than once per event.
     */
    default void applyAll(java.util.List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            apply(event);
        }
    }
}
