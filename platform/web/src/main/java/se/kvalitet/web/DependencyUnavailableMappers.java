package se.kvalitet.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request that fails because something the service depends on is not there at the moment is a
 * {@code 503} problem with {@code Retry-After}, not a {@code 500}: the database paused, restarting
 * or refusing connections, or the connection pool timing out while it waits for one (Agroal's
 * "acquisition timeout", which is what a frozen PostgreSQL produces). The client may retry; a write
 * with the same {@code Idempotency-Key}. Whatever else reaches these mappers is an unexpected failure
 * and is answered exactly as {@link ProblemMappers#mapUnexpected} does.
 *
 * <p>The cause is found anywhere in the exception's chain, so it does not matter whether Hibernate,
 * the transaction manager or the service's own code wrapped it. Another service that does not answer
 * ({@link DependencyUnavailableException}) is answered the same way, naming it. {@code kvalitet.web.retry-after}
 * (seconds, default 5) is what the response asks the client to wait.
 */
public class DependencyUnavailableMappers {

    private static final Logger LOG = Logger.getLogger(DependencyUnavailableMappers.class);

    /** PostgreSQL (and SQL standard) states of a server that is going away, starting up or full. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    @ServerExceptionMapper
    public Response mapRuntime(RuntimeException e) {
        return unavailable(e).orElseGet(() -> unexpected(e));
    }

    @ServerExceptionMapper
    public Response mapSql(SQLException e) {
        return unavailable(e).orElseGet(() -> unexpected(e));
    }

    private static Response unexpected(Exception e) {
        // ProblemMappers holds no state: its answer to an unexpected failure stays the one home of that answer
        return new ProblemMappers().mapUnexpected(e);
    }

    private static Optional<Response> unavailable(Throwable e) {
        Optional<Throwable> cause = dependencyFailure(e);
        if (cause.isEmpty()) {
            return Optional.empty();
        }
        int retryAfter = ConfigProvider.getConfig()
                .getOptionalValue("kvalitet.web.retry-after", Integer.class)
                .orElse(5);
        LOG.warnf(
                "Dependency unavailable, answered 503 (correlation id %s): %s",
                ProblemMappers.correlationId(), cause.get().toString());
        String what = cause.get() instanceof DependencyUnavailableException d ? d.dependency() : "its database";
        Response problem = ProblemMappers.problem(
                503,
                "dependency-unavailable",
                "Service unavailable",
                "A system this service depends on (" + what + ") cannot be reached at the moment. Retry after "
                        + retryAfter + " s; repeat a write with the same Idempotency-Key.",
                List.of(),
                null);
        return Optional.of(Response.fromResponse(problem)
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .build());
    }

    /** The exception in {@code e}'s chain that says a dependency is unavailable, if any. */
    static Optional<Throwable> dependencyFailure(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 25; t = t.getCause(), depth++) {
            if (t instanceof DependencyUnavailableException) {
                return Optional.of(t);
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return Optional.of(t);
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                    return Optional.of(t);
                }
                String message = sql.getMessage();
                if (message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                    // Agroal: no connection became free (or could be opened) within the acquisition timeout
                    return Optional.of(t);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
