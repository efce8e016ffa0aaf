package se.kvalitet.deviation.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import se.kvalitet.web.ProblemException;

/**
 * {@code Idempotency-Key} for POSTs that create (IETF draft-ietf-httpapi-idempotency-key-header):
 * a key is kept per caller (token subject) with the request's fingerprint and the first response,
 * written in the same transaction as the effect, so a retry after a lost response gets the first
 * response again and creates nothing; the same key with a different body is a 422. Keys are kept for
 * {@code kvalitet.deviation.idempotency.retention} (default 24 h).
 *
 * <p>The key is looked up before the work and recorded once, complete, at its end (issue 20 item 3:
 * a claim row inserted first and updated last cost two statements, and each native query made
 * Hibernate flush the session early). A concurrent retry with the same key does the work too, then
 * waits on the key's primary key until the first transaction ends: when that one committed, the
 * retry's {@link #record} returns false and the caller rolls its own work back and replays the
 * first response, so exactly one effect is stored either way. Plain JDBC on the transaction's
 * connection: no auto-flush, no entity for a row that is never read back in the request.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,200}");
    static final String SELECT_KEY = "SELECT request_hash, response_status, resource_id, response_body "
            + "FROM idempotency_key WHERE caller = ? AND idempotency_key = ?";
    private static final String INSERT_KEY = "INSERT INTO idempotency_key (caller, idempotency_key, request_hash, "
            + "created_at, response_status, resource_id, response_body) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

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

    /** A key as stored: the fingerprint of the request that used it first, and its response. */
    record Row(String requestHash, Stored response) {}

    public static void validate(String key) {
        if (key != null && !VALID.matcher(key).matches()) {
            throw ProblemException.invalidField(HEADER, "must be 1-200 visible ASCII characters");
        }
    }

    /**
     * The request's fingerprint: SHA-256 of its JSON as this service writes it, so the same request
     * formatted differently (whitespace, member order) is the same request.
     */
    public String fingerprint(Object request) {
        return hash(write(request));
    }

    /**
     * The first response to this key, if a transaction that used it has committed. The same key with
     * another request (another fingerprint) is a 422.
     */
    public Optional<Stored> find(String caller, String key, String fingerprint) {
        Optional<Row> row = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_KEY)) {
                ps.setString(1, caller);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs, 1)) : Optional.<Row>empty();
                }
            }
        });
        return row.map(r -> replay(r, fingerprint));
    }

    /** The stored response for a matching fingerprint; a 422 for another request with the same key. */
    static Stored replay(Row row, String fingerprint) {
        if (!fingerprint.equals(row.requestHash())) {
            throw ProblemException.unprocessable(
                    "idempotency-key-reused",
                    "This Idempotency-Key was used with a different request body; use a new key for a new request",
                    List.of());
        }
        return row.response();
    }

    /** Reads a key row's four columns, starting at {@code first}. */
    static Row row(ResultSet rs, int first) throws SQLException {
        return new Row(
                rs.getString(first),
                new Stored(rs.getInt(first + 1), rs.getObject(first + 2, UUID.class), rs.getString(first + 3)));
    }

    /**
     * Records the key with the response, in the caller's transaction. False when a concurrent
     * request with the same key committed first (this statement waited for it): the caller must roll
     * its work back and answer {@link #find}'s response instead.
     */
    public boolean record(String caller, String key, String fingerprint, int status, UUID resourceId, String body) {
        Instant now = clock.instant();
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_KEY)) {
                ps.setString(1, caller);
                ps.setString(2, key);
                ps.setString(3, fingerprint);
                ps.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setInt(5, status);
                ps.setObject(6, resourceId);
                ps.setString(7, body);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The JSON this service answers with (a response is written once: stored with the key and sent). */
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
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

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
