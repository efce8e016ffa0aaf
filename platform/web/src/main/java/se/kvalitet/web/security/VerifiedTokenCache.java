package se.kvalitet.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Identities of bearer tokens this process has already verified (signature, issuer, audience,
 * expiry), keyed by the SHA-256 of the whole token and kept until the token expires or
 * {@code kvalitet.token-cache.max-ttl} passes, whichever is first. Verifying an RS256 JWT costs far
 * more than hashing it, and a client sends the same token for many requests, so the edge and every
 * service verify each token once instead of on every request (issue 7: the same token verified at
 * the gateway and in the service halved throughput).
 *
 * <p>Safe because the key is the hash of the complete signed token: a changed header, payload or
 * signature is a different key, and only identities that quarkus-oidc accepted are ever stored.
 * Tokens are not revocable in this suite (short-lived access tokens), so caching does not widen
 * what a token may do; the maximum TTL bounds how long a key rotation takes to bite.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    record Entry(SecurityIdentity identity, long expiresAtMillis) {}

    /** The SHA-256 of a token as four longs: equality and hash without a string or an array copy. */
    record Key(long a, long b, long c, long d) {}

    /**
     * One digest per thread (the event loops and workers are few and long-lived): {@code
     * MessageDigest.getInstance} looks the provider up on every call, which the gateway's profile
     * showed costing more than the hash itself (11 % of its samples with the Base64 key of before).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    });

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    @ConfigProperty(name = "kvalitet.token-cache.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kvalitet.token-cache.max-size", defaultValue = "10000")
    int maxSize;

    @ConfigProperty(name = "kvalitet.token-cache.max-ttl", defaultValue = "PT5M")
    Duration maxTtl;

    Clock clock = Clock.systemUTC();

    public boolean enabled() {
        return enabled;
    }

    /** The identity verified earlier for exactly this token, if it has not expired since. */
    public Optional<SecurityIdentity> get(String rawToken) {
        if (!enabled || rawToken == null) {
            return Optional.empty();
        }
        Key key = key(rawToken);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expiresAtMillis() <= clock.millis()) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.identity());
    }

    /**
     * Remembers an identity quarkus-oidc verified for this token.
     *
     * @param tokenExpiresAtEpochSecond the token's {@code exp}; tokens without one are not cached
     */
    public void put(String rawToken, SecurityIdentity identity, long tokenExpiresAtEpochSecond) {
        if (!enabled || rawToken == null || tokenExpiresAtEpochSecond <= 0) {
            return;
        }
        long now = clock.millis();
        long until = Math.min(tokenExpiresAtEpochSecond * 1000, now + maxTtl.toMillis());
        if (until <= now) {
            return;
        }
        if (entries.size() >= maxSize) {
            evict(now);
        }
        entries.put(key(rawToken), new Entry(identity, until));
    }

    public int size() {
        return entries.size();
    }

    public void clear() {
        entries.clear();
    }

    /** Drops expired entries; if that frees too little, drops an arbitrary half (bounded memory beats hit rate). */
    private void evict(long now) {
        entries.values().removeIf(e -> e.expiresAtMillis() <= now);
        if (entries.size() >= maxSize) {
            Iterator<Key> it = entries.keySet().iterator();
            int drop = Math.max(1, entries.size() / 2);
            while (it.hasNext() && drop-- > 0) {
                it.next();
                it.remove();
            }
        }
    }

    static Key key(String rawToken) {
        MessageDigest sha = SHA_256.get();
        byte[] d = sha.digest(rawToken.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.wrap(d);
        return new Key(b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }
}
