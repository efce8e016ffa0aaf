package se.kvalitet.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import se.kvalitet.events.deviation.DeviationEvents;
import se.kvalitet.events.followup.FollowupEvents;
import se.kvalitet.events.registry.RegistryEvents;
import se.kvalitet.events.report.ReportEvents;

/**
 * Every event type of the suite. Adding an event record means adding it to its service's list ({@code DeviationEvents.ALL}, ...) and adding its JSON
 * Schema under {@code schemas/<type>.json}; {@code EventCatalogTest} fails when either is missing.
 */
public final class EventCatalog {

    private static final List<Class<? extends DomainEvent>> EVENTS = Stream.of(
                    DeviationEvents.ALL, RegistryEvents.ALL, FollowupEvents.ALL, ReportEvents.ALL)
            .flatMap(List::stream)
            .toList();

    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = EVENTS.stream()
            .collect(Collectors.toUnmodifiableMap(c -> annotation(c).value(), Function.identity()));

    private EventCatalog() {}

    public static List<Class<? extends DomainEvent>> all() {
        return EVENTS;
    }

    public static Optional<Class<? extends DomainEvent>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static String typeOf(Class<? extends DomainEvent> eventClass) {
        return annotation(eventClass).value();
    }

    public static String topicOf(Class<? extends DomainEvent> eventClass) {
        return annotation(eventClass).topic();
    }

    private static EventType annotation(Class<?> eventClass) {
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
        }
        return type;
    }
}
