package se.kvalitet.registry.risk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ReferenceProblems;

/**
 * Who may read and write which risk analyses: the quality team (and admins, investigators and the
 * MAS for reading) every analysis; unit managers and process owners those of the units in their
 * subtree. Unauthenticated only inside the service (demo data at startup).
 */
@ApplicationScoped
public class RiskAccess {

    @Inject
    OrgUnitService orgUnits;

    @Inject
    Caller caller;

    /** Unauthenticated only inside the service (demo data at startup): every endpoint requires a token. */
    boolean system() {
        return !caller.isAuthenticated();
    }

    boolean readsAll() {
        return system()
                || caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN, Roles.INVESTIGATOR, Roles.MEDICALLY_RESPONSIBLE);
    }

    Set<UUID> ownUnits() {
        Set<UUID> out = new java.util.HashSet<>();
        if (caller.hasAnyRole(Roles.UNIT_MANAGER, Roles.PROCESS_OWNER)) {
            caller.orgUnits().forEach(u -> out.addAll(orgUnits.subtree(u, orgUnits.today())));
        }
        return out;
    }

    boolean canRead(UUID unit) {
        return readsAll() || ownUnits().contains(unit);
    }

    boolean canWrite(UUID unit) {
        return system()
                || caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN)
                || ownUnits().contains(unit);
    }

    void requireWrite(UUID unit) {
        if (!canWrite(unit)) {
            throw ReferenceProblems.foreign(
                    "orgUnitId", "risk analyses are made for units of the caller's own part of the organisation");
        }
    }

    String who() {
        return caller.isAuthenticated() ? caller.subject() : "system";
    }
}
