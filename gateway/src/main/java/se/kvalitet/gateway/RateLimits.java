package se.kvalitet.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j) of the edge: one per caller with a valid token (client and subject), and
 * one per client address for requests without a valid token (none, or one that fails verification:
 * token guessing and floods of garbage must not cost a signature check each). A bucket left alone
 * for a minute is full again, so it is dropped then (Caffeine, bounded).
 */
final class RateLimits {

    /** The outcome for one request: allowed, or refused with the seconds until a token is back. */
    record Decision(boolean allowed, long retryAfterSeconds) {}

    private final Cache<String, Bucket> callers;
    private final Cache<String, Bucket> addresses;
    private final int capacity;
    private final int refillPerSecond;
    private final int anonymousCapacity;
    private final int anonymousRefillPerMinute;

    RateLimits(int capacity, int refillPerSecond, int anonymousCapacity, int anonymousRefillPerMinute) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.anonymousCapacity = anonymousCapacity;
        this.anonymousRefillPerMinute = anonymousRefillPerMinute;
        this.callers = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(1))
                .maximumSize(200_000)
                .build();
        this.addresses = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(1))
                .maximumSize(200_000)
                .build();
    }

    /** One request of a caller whose token was verified. */
    Decision caller(String callerKey) {
        return take(callers.get(callerKey, k -> bucket(capacity, refillPerSecond, Duration.ofSeconds(1))));
    }

    /** One request without a valid token from this client address. */
    Decision anonymous(String address) {
        return take(addresses.get(
                address == null ? "" : address,
                k -> bucket(anonymousCapacity, anonymousRefillPerMinute, Duration.ofMinutes(1))));
    }

    /**
     * Whether this address has used up its requests without a valid token: then an unknown token is
     * refused before it is verified. Costs nothing from the bucket.
     */
    Decision anonymousExhausted(String address) {
        Bucket b = addresses.getIfPresent(address == null ? "" : address);
        if (b == null || b.getAvailableTokens() >= 1) {
            return new Decision(true, 0);
        }
        return new Decision(false, Math.max(1, (60 + anonymousRefillPerMinute - 1) / anonymousRefillPerMinute));
    }

    private static Bucket bucket(int capacity, int refill, Duration per) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(refill, per))
                .build();
    }

    private static Decision take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0);
        }
        return new Decision(
                false, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L)));
    }
}
