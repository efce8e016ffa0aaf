package se.kvalitet.deviation.investigation;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.events.PersonRef;

/**
 * The keyed pseudonyms of staff accounts that events carry instead of a username (platform/events
 * {@link PersonRef}). The key ({@code kvalitet.person-ref.key}, a secret shared with report-service, which
 * recognises the people it mails) has no default in production: the service does not start without one, or with
 * one shorter than 32 characters.
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
