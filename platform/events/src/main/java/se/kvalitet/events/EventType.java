package se.kvalitet.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names an event record's versioned CloudEvents type and the topic it travels on. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** Versioned type name, e.g. {@code se.kvalitet.deviation.reported.v1}. A breaking change is a new version. */
    String value();

    /** Kafka topic, one of {@link Topics}. */
    String topic();
}
