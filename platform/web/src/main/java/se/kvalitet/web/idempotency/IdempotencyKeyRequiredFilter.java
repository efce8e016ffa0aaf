package se.kvalitet.web.idempotency;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.web.ProblemException;

/**
 * Requires an {@code Idempotency-Key} from machine clients on every {@link IdempotentCreate}
 * endpoint: without one the request is refused with a 428 problem
 * ({@code https://kvalitet.se/problems/idempotency-key-required}) before anything is read or
 * written. People (the intranet) may still post without a key.
 *
 * <p>A <b>machine client</b> is a token issued by the client-credentials grant: in the
 * {@code kvalitet} realm such a token carries one of the machine roles
 * ({@code kvalitet.idempotency.machine-client-roles}, default {@code case-system,bi-reader}, which
 * the realm grants only to service accounts), and Keycloak names its subject
 * {@code service-account-<client id>} ({@code preferred_username}). Either is enough.
 *
 * <p>Runs after authentication and the endpoint's role check (JAX-RS filters run after Quarkus
 * REST's security checks), so a caller who may not call the endpoint at all still gets 401/403.
 */
@Provider
@IdempotentCreate
@Priority(Priorities.AUTHORIZATION + 100)
public class IdempotencyKeyRequiredFilter implements ContainerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String PROBLEM_SLUG = "idempotency-key-required";
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "kvalitet.idempotency.machine-client-roles", defaultValue = "case-system,bi-reader")
    List<String> machineClientRoles;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        String key = request.getHeaderString(HEADER);
        if (key != null && !key.isBlank()) {
            return;
        }
        if (isMachineClient(identity, Set.copyOf(machineClientRoles))) {
            throw new ProblemException(
                            428,
                            PROBLEM_SLUG,
                            "Idempotency-Key required",
                            "A machine client must send an Idempotency-Key header when it creates something: a key unique to this "
                                    + "request (1-100 of A-Z a-z 0-9 . _ : -, e.g. a UUID), sent again unchanged with every retry of "
                                    + "the same request. A repeat then returns the first response instead of creating a second record.")
                    .with("header", HEADER);
        }
    }

    /** Whether the identity is a client-credentials service account (see the class comment). */
    static boolean isMachineClient(SecurityIdentity identity, Set<String> machineRoles) {
        if (identity == null || identity.isAnonymous()) {
            return false;
        }
        for (String role : machineRoles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        Principal p = identity.getPrincipal();
        return p != null && p.getName() != null && p.getName().startsWith(SERVICE_ACCOUNT_PREFIX);
    }
}
