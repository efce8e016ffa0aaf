package se.kvalitet.report.notification;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.events.PersonRef;

/**
 * Recognises the person a pseudonymous event names (platform/events {@link PersonRef}: the investigator of
 * {@code deviation.investigator.assigned.v1}) among the people who saved preferences, under the key shared with
 * deviation-service ({@code kvalitet.person-ref.key}). No default in production: the service does not start without
 * a key, or with one shorter than 32 characters.
 */
@Singleton
@Startup
public class PersonRefs {

    private final PersonRef refs;

    PersonRefs(@ConfigProperty(name = "kvalitet.person-ref.key") String key) {
        this.refs = PersonRef.withKey(key);
    }

    public String of(String username) {
        return refs.of(username);
    }
}
