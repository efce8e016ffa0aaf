package se.kvalitet.gateway;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One downstream service's circuit: closed while it answers; open after {@code threshold}
 * consecutive failures, when requests get a 503 problem at once instead of waiting for a dead
 * service; after {@code openForMillis} one trial request is let through (half-open) and its outcome
 * closes or re-opens the circuit.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForMillis;
    private final LongSupplier clock;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong(-1);
    private final AtomicBoolean trialInFlight = new AtomicBoolean();

    CircuitBreaker(int threshold, long openForMillis, LongSupplier clock) {
        this.threshold = threshold;
        this.openForMillis = openForMillis;
        this.clock = clock;
    }

    /** Whether a request may go to the service now. */
    boolean allow() {
        long opened = openedAt.get();
        if (opened < 0) {
            return true;
        }
        if (clock.getAsLong() - opened < openForMillis) {
            return false;
        }
        // half-open: exactly one trial at a time
        return trialInFlight.compareAndSet(false, true);
    }

    void success() {
        failures.set(0);
        openedAt.set(-1);
        trialInFlight.set(false);
    }

    void failure() {
        if (openedAt.get() >= 0) {
            // the trial failed: stay open for another period
            openedAt.set(clock.getAsLong());
            trialInFlight.set(false);
            return;
        }
        if (failures.incrementAndGet() >= threshold) {
            openedAt.set(clock.getAsLong());
        }
    }

    State state() {
        long opened = openedAt.get();
        if (opened < 0) {
            return State.CLOSED;
        }
        return clock.getAsLong() - opened < openForMillis ? State.OPEN : State.HALF_OPEN;
    }

    /** Seconds until a trial request will be let through (for Retry-After). */
    long retryAfterSeconds() {
        long opened = openedAt.get();
        if (opened < 0) {
            return 0;
        }
        return Math.max(1, (openForMillis - (clock.getAsLong() - opened) + 999) / 1000);
    }
}
