package se.kvalitet.orgcopy;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.web.DependencyUnavailableException;

/**
 * "Does the organisation have this unit?" for a request that refers to one, right after the unit was
 * created in process-registry-service: the copy learns of a new unit from the registry's event a moment
 * later (0-2 s), and a client must not get "no such org unit" in between. On a miss in the copy this asks
 * the registry synchronously (the exception the architecture allows: the owning service, called with the
 * caller's own token, so the registry's own authorization decides) and stores every version it answers in
 * the copy exactly as the events would ({@link OrgCopy#apply}, same key and {@code changedAt}), so the
 * events that follow are stale repeats and the copy's history stays right whatever the order.
 *
 * <ul>
 *   <li>the registry has the unit: it is in the copy (committed at once, in a transaction of its own)
 *       and the answer is as if the event had arrived;
 *   <li>the registry has no such unit (404), or does not show it to this caller (401/403): the copy's
 *       answer stands (the service's existing 400/422);
 *   <li>the registry does not answer in time, fails, or its circuit is open:
 *       {@link DependencyUnavailableException}, a 503 problem with {@code Retry-After}.
 * </ul>
 *
 * Without a caller's token (the service itself, e.g. demo data at start-up) nothing is asked. At most
 * {@value #MAX_LOOKUPS} distinct units are asked per call (a bulk request full of unknown units must not
 * turn into as many registry calls); the rest keep the copy's answer.
 */
@ApplicationScoped
public class OrgUnitLookup {

    static final int MAX_LOOKUPS = 10;

    private static final Logger LOG = Logger.getLogger(OrgUnitLookup.class);

    @Inject
    OrgCopy copy;

    @Inject
    RegistryOrgUnits registry;

    @Inject
    Instance<JsonWebToken> token;

    /** Of the given units, those the organisation has, each with whether it is active as last published. */
    public Map<UUID, Boolean> activeByUnit(Collection<UUID> ids) {
        Map<UUID, Boolean> known = copy.activeByUnit(ids);
        Set<UUID> missing = new LinkedHashSet<>(ids);
        missing.removeAll(known.keySet());
        if (missing.isEmpty() || !learn(missing)) {
            return known;
        }
        return copy.activeByUnit(ids);
    }

    /** Whether the organisation has the unit (any version, closed ones too). */
    public boolean knows(UUID id) {
        return id != null && (copy.knows(id) || learn(Set.of(id)));
    }

    /**
     * Asks the registry for each of the units (up to {@value #MAX_LOOKUPS}) and stores what it has; true
     * when the copy gained a unit.
     */
    private boolean learn(Set<UUID> units) {
        String bearer = bearerToken();
        if (bearer == null) {
            return false;
        }
        List<OrgUnitChangedV1> snapshots = new ArrayList<>();
        int asked = 0;
        for (UUID id : units) {
            if (asked++ == MAX_LOOKUPS) {
                break;
            }
            List<RegistryOrgUnitsClient.Version> versions;
            try {
                versions = registry.history(id, bearer);
            } catch (RuntimeException e) {
                LOG.warnf("process-registry-service did not answer for org unit %s: %s", id, e.toString());
                throw new DependencyUnavailableException("the process registry", e);
            }
            versions.stream()
                    .filter(v -> id.equals(v.id()) && v.validFrom() != null && v.name() != null)
                    .map(v -> new OrgUnitChangedV1(
                            v.id(),
                            v.code(),
                            v.name(),
                            v.type(),
                            v.parentId(),
                            v.validFrom(),
                            v.active(),
                            v.change(),
                            v.relatedOrgUnitIds(),
                            v.changedAt()))
                    .forEach(snapshots::add);
        }
        if (snapshots.isEmpty()) {
            return false;
        }
        // committed on its own: the unit exists whatever becomes of the request that asked
        QuarkusTransaction.requiringNew().run(() -> snapshots.forEach(copy::apply));
        return true;
    }

    /** The caller's raw access token, or null outside a request or for an anonymous caller. */
    private String bearerToken() {
        if (!Arc.container().requestContext().isActive() || !token.isResolvable()) {
            return null;
        }
        String raw = token.get().getRawToken();
        return raw == null || raw.isBlank() ? null : raw;
    }
}
