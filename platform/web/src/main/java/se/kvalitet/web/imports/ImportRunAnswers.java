package se.kvalitet.web.imports;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The answer to POST of an import file: 201 with {@code Location} (the run) when every row is done; 202 with
 * {@code Location} and {@code Retry-After} while the run is still running (it goes on; GET on the location shows it).
 * The body is the service's own run record either way.
 */
public final class ImportRunAnswers {

    /** Seconds a client is asked to wait before looking at a running run again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private ImportRunAnswers() {}

    /** 201: the run is done. */
    public static Response done(URI run, Object body) {
        return Response.created(run).entity(body).build();
    }

    /** 202: the run is still running; {@code Retry-After: 5}. */
    public static Response running(URI run, Object body) {
        return Response.accepted(body)
                .location(run)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    /** {@link #done} or {@link #running}. */
    public static Response of(boolean done, URI run, Object body) {
        return done ? done(run, body) : running(run, body);
    }
}
