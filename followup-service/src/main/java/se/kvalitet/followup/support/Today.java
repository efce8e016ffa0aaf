package se.kvalitet.followup.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.web.QueryParams;

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

    /**
     * The day an "as of" query answers for: the {@code asOf} query parameter (YYYY-MM-DD; malformed or out of
     * range is a 400 problem naming it), else today here. One rule for every day-dependent read of this service.
     */
    public LocalDate asOf(String asOf) {
        LocalDate day = QueryParams.date("asOf", asOf);
        return day == null ? date() : day;
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }
}
