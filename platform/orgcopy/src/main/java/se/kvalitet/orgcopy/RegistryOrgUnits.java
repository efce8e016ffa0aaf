package se.kvalitet.orgcopy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The registry call behind {@link OrgUnitLookup}, guarded: a short timeout (the caller is waiting for
 * an answer) and a circuit breaker, so while the registry is down requests are answered 503 at once
 * instead of each waiting for the timeout. Both are SmallRye Fault Tolerance settings a deployment may
 * override ({@code quarkus.fault-tolerance."se.kvalitet.orgcopy.RegistryOrgUnits/history".timeout.value}, ...).
 * An answer is not a failure: "no such unit" (404) and "you may not read it" (401/403) are empty.
 */
@ApplicationScoped
public class RegistryOrgUnits {

    @Inject
    @RestClient
    RegistryOrgUnitsClient client;

    /** Every version of the unit, oldest first; empty when the registry has no such unit for this caller. */
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public List<RegistryOrgUnitsClient.Version> history(UUID id, String bearerToken) {
        try {
            return client.history(id, "Bearer " + bearerToken);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 401 || status == 403) {
                return List.of();
            }
            throw e;
        }
    }
}
