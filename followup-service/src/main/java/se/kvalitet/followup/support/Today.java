package se.kvalitet.followup.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Today's date where the organisation is (deadlines and due dates are local days), from the injected clock. */
@ApplicationScoped
public class Today {

    @Inject
    Clock clock;

    @ConfigProperty(name = "kvalitet.followup.zone", defaultValue = "Europe/Stockholm")
    ZoneId zone;

    public LocalDate date() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }
}
