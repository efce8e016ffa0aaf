package se.kvalitet.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller (the token's client and subject): {@code capacity} requests at once,
 * refilled at {@code refillPerSecond}. A caller whose bucket is empty gets a 429 problem with
 * {@code Retry-After}. Buckets of callers idle for a minute are dropped.
 */
final class RateLimiter {

    private static final long IDLE_NANOS = 60_000_000_000L;

    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /** The outcome of one request: allowed, or refused with the seconds until a token is back. */
    record Decision(boolean allowed, long retryAfterSeconds) {
    }

    RateLimiter(int capacity, double refillPerSecond, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    Decision acquire(String caller) {
        long now = nanoClock.getAsLong();
        sweep(now);
        Bucket b = buckets.computeIfAbsent(caller, k -> new Bucket(capacity, now));
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (now - b.updated) * refillPerNano);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return new Decision(true, 0);
            }
            double missing = 1 - b.tokens;
            return new Decision(false, Math.max(1, (long) Math.ceil(missing / refillPerNano / 1e9)));
        }
    }

    private void sweep(long now) {
        if (now - lastSweep < IDLE_NANOS) {
            return;
        }
        lastSweep = now;
        buckets.entrySet().removeIf(e -> now - e.getValue().updated > IDLE_NANOS);
    }

    int callers() {
        return buckets.size();
    }
}
