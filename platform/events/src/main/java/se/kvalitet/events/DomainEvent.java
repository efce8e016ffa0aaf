package se.kvalitet.events;

/**
 * A fact that one service publishes for the others. Implemented by one record per event type,
 * each annotated with {@link EventType}. Events carry identifiers, categories, org units, dates
 * and counts only: never personal data and never free text (architecture.md, "Events").
 */
public interface DomainEvent {

    /** The aggregate the event is about: the Kafka key (keeps one aggregate's events ordered) and the CloudEvents subject. */
    String aggregateId();
}
