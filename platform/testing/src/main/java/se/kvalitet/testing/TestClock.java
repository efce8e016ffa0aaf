package se.kvalitet.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A service's clock in tests: real time shifted by an offset a test may move (to make deadlines,
 * due dates and review dates pass) and must {@link #reset()}; it replaces platform/messaging's
 * default clock. A bean only in the services that index this module for their tests
 * ({@code %test.quarkus.index-dependency.testing.*} in their application.properties): a service with
 * a clock of its own (deviation's {@code ReplayClock}) does not see it. A clock {@link #withZone} made
 * follows later moves.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves time on by {@code d} (offsets add up). */
    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    /** Sets the offset from real time to {@code by}. */
    public void shift(Duration by) {
        offset = by;
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
