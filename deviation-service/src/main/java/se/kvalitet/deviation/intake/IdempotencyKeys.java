package se.kvalitet.deviation.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.web.ProblemException;

/**
 * {@code Idempotency-Key} for POSTs that create (IETF draft-ietf-httpapi-idempotency-key-header):
 * a key is claimed per caller (token subject) by inserting it in the same transaction as the
 * effect, so a retry after a lost response — even a concurrent one, which waits on the unique key
 * — gets the first response again and creates nothing; the same key with a different body is a
 * 422. Keys are kept for {@code kvalitet.deviation.idempotency.retention} (default 24 h).
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kvalitet.deviation.idempotency.retention", defaultValue = "P1D")
    Duration retention;

    /** A stored first response. */
    public record Stored(int status, UUID resourceId, String body) {}

    public static void validate(String key) {
        if (key != null && !VALID.matcher(key).matches()) {
            throw ProblemException.invalidField(HEADER, "must be 1-200 visible ASCII characters");
        }
    }

    /**
     * Claims the key for this request inside the caller's transaction. Empty: the key is new and
     * the caller goes on to do the work and {@link #complete} it. Present: the first response to
     * replay. The same key with another request body is a 422.
     */
    public Optional<Stored> claim(String caller, String key, Object request) {
        String hash = hash(request);
        int inserted = em.createNativeQuery(
                        "INSERT INTO idempotency_key (caller, idempotency_key, request_hash, created_at) "
                                + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, caller)
                .setParameter(2, key)
                .setParameter(3, hash)
                .setParameter(4, clock.instant())
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Tuple row = (Tuple) em.createNativeQuery(
                        "SELECT request_hash, response_status, resource_id, response_body "
                                + "FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2",
                        Tuple.class)
                .setParameter(1, caller)
                .setParameter(2, key)
                .getSingleResult();
        if (!hash.equals(row.get("request_hash", String.class))) {
            throw ProblemException.unprocessable(
                    "idempotency-key-reused",
                    "This Idempotency-Key was used with a different request body; use a new key for a new request",
                    List.of());
        }
        return Optional.of(new Stored(
                row.get("response_status", Number.class).intValue(),
                row.get("resource_id", UUID.class),
                row.get("response_body", String.class)));
    }

    public void complete(String caller, String key, int status, UUID resourceId, Object responseBody) {
        em.createNativeQuery("UPDATE idempotency_key SET response_status = ?3, resource_id = ?4, response_body = ?5 "
                        + "WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, caller)
                .setParameter(2, key)
                .setParameter(3, status)
                .setParameter(4, resourceId)
                .setParameter(5, write(responseBody))
                .executeUpdate();
    }

    @Scheduled(
            every = "${kvalitet.deviation.idempotency.purge-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                .setParameter(1, clock.instant().minus(retention))
                .executeUpdate();
    }

    private String hash(Object request) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
