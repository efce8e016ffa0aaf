package se.kvalitet.deviation.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's time source: the system clock, except on a thread that is replaying history
 * ({@link #at}), which sees the instant it is set to. Two callers set it, so that past work runs
 * through the same services (and publishes the same events) as live work, each step at the time it
 * happened: the demo data (a year of invented reports) and the migration import (past years moved in
 * from another system).
 */
public final class ReplayClock extends Clock {

    private static final ThreadLocal<Instant> REPLAYING = new ThreadLocal<>();
    private static final ReplayClock INSTANCE = new ReplayClock();

    private ReplayClock() {}

    /** Replaces platform's default clock for this service. */
    @ApplicationScoped
    static class Producer {
        @Produces
        @Singleton
        Clock clock() {
            return INSTANCE;
        }
    }

    /** Runs {@code work} on this thread as if it were {@code at}. */
    public static void at(Instant at, Runnable work) {
        Instant before = REPLAYING.get();
        REPLAYING.set(at);
        try {
            work.run();
        } finally {
            if (before == null) {
                REPLAYING.remove();
            } else {
                REPLAYING.set(before);
            }
        }
    }

    @Override
    public Instant instant() {
        Instant replaying = REPLAYING.get();
        return replaying != null ? replaying : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }
}
