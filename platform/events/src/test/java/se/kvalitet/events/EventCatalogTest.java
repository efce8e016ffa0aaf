package se.kvalitet.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    private static final Pattern TYPE_NAME = Pattern.compile("se\\.kvalitet\\.[a-z-]+(\\.[a-z-]+)+\\.v[0-9]+");

    @Test
    void everyEventHasAVersionedTypeAKnownTopicAndASchema() {
        assertThat(EventCatalog.all()).isNotEmpty();
        for (Class<? extends DomainEvent> c : EventCatalog.all()) {
            String type = EventCatalog.typeOf(c);
            assertThat(type).as(c.getSimpleName()).matches(TYPE_NAME);
            assertThat(EventCatalog.topicOf(c)).isIn(Topics.DEVIATION, Topics.REGISTRY, Topics.FOLLOWUP, Topics.REPORT);
            assertThat(EventSchemas.exists(type)).as("schema for " + type).isTrue();
            assertThat(c.isRecord()).as(c.getSimpleName() + " is a record").isTrue();
            assertThat(EventCatalog.byType(type)).contains(c);
        }
    }
}
