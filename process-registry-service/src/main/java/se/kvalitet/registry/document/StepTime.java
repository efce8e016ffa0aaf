package se.kvalitet.registry.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.Supplier;
import se.kvalitet.registry.orgunit.OrgUnitService;

/**
 * When a document step (approval, review, withdrawal) happens: now, or, while the migration import replays a
 * past step on this thread ({@link #on}), the day it happened. The decision rules ("not after today", units
 * active on the day, catalogue items in force on the day) and the instants a step stamps on the version and its
 * events follow it; recording times ({@code createdAt}, {@code updatedAt}, which {@code updatedSince} reads) and
 * coverage (the documents in force today) stay real.
 */
@ApplicationScoped
public class StepTime {

    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final ThreadLocal<LocalDate> REPLAYING = new ThreadLocal<>();

    @Inject
    Clock clock;

    @Inject
    OrgUnitService orgUnits;

    /** The instant a step stamps: now, or noon (Swedish time) of the day being replayed. */
    public Instant now() {
        LocalDate day = REPLAYING.get();
        return day == null
                ? clock.instant()
                : day.atTime(LocalTime.NOON).atZone(SWEDEN).toInstant();
    }

    /** The day of the step: today, or the day being replayed. */
    public LocalDate today() {
        LocalDate day = REPLAYING.get();
        return day == null ? orgUnits.today() : day;
    }

    /** Runs {@code work} on this thread as a step done on {@code day}. */
    public static <T> T on(LocalDate day, Supplier<T> work) {
        LocalDate before = REPLAYING.get();
        REPLAYING.set(day);
        try {
            return work.get();
        } finally {
            if (before == null) {
                REPLAYING.remove();
            } else {
                REPLAYING.set(before);
            }
        }
    }
}
