package se.kvalitet.messaging;

import java.util.List;
import se.kvalitet.events.EventEnvelope;

/**
 * A consumer's effect of several events at once, in the order they were consumed (per partition, so
 * per key), each event at most once; runs inside the inbox's one transaction for the batch. A
 * consumer keeps per-event work per event and does what depends on the result of several events
 * (summary columns, aggregates) once at the end.
 */
@FunctionalInterface
public interface BatchEventHandler {

    void apply(List<EventEnvelope> events) throws Exception;
}
