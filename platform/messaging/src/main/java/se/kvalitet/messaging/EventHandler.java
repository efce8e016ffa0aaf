package se.kvalitet.messaging;

import se.kvalitet.events.EventEnvelope;

/** A consumer's effect of one event; runs inside the inbox's transaction. */
@FunctionalInterface
public interface EventHandler {

    void apply(EventEnvelope event) throws Exception;
}
