package se.kvalitet.deviation.report;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.domain.HandledBy;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.web.Caller;

/**
 * Object-level access to case records (need-to-know, offentlighets- och sekretesslagen): the
 * quality team sees every report; a unit manager the reports of the units in the token and every
 * unit under them (the organisation as process-registry-service publishes it);
 * an investigator the reports with a track assigned to them; the medically responsible (MAS) every
 * report with a lex Maria track; a reporter or machine client the reports it filed. What a caller may not see does not exist for
 * them (404).
 *
 * <p>Who filed a report: a person by the token's subject (whatever front-end client they used); a
 * case-management system (role {@code case-system}) by its subject and its client id ({@code azp}):
 * each integrated system has a machine client of its own and sees only what it filed itself.
 */
@RequestScoped
public class DeviationAccess {

    @Inject
    Caller caller;

    @Inject
    OrgCopy orgUnits;

    private Set<UUID> managed;

    public boolean canRead(Deviation d) {
        return canWorkOn(d) || filedBy(d);
    }

    /** Whether the caller filed the report: the same person, or the same case-management system's client. */
    public boolean filedBy(Deviation d) {
        if (!d.reporterSubject.equals(caller.subject())) {
            return false;
        }
        return !isCaseSystem() || Objects.equals(d.reporterClient, caller.clientId());
    }

    /** A case-management system's machine client: its reports are told apart by client id as well. */
    public boolean isCaseSystem() {
        return caller.hasRole(Roles.CASE_SYSTEM);
    }

    /**
     * Whether the caller may work on the case (actions, root causes) by their role rather than as
     * its reporter: the quality team, a manager of its unit subtree, an assigned investigator, the
     * MAS on a lex Maria case. Who may only read a report as its filer gets the filer's view of it.
     */
    public boolean canWorkOn(Deviation d) {
        if (caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN)) {
            return true;
        }
        if (caller.hasRole(Roles.UNIT_MANAGER)) {
            Set<UUID> units = managedUnits();
            if (units.contains(d.orgUnitId) || d.involvedOrgUnitIds.stream().anyMatch(units::contains)) {
                return true;
            }
        }
        return investigates(d);
    }

    /** The case's assigned investigator, or the MAS on a lex Maria case. */
    boolean investigates(Deviation d) {
        if (caller.hasRole(Roles.INVESTIGATOR)
                && d.tracks.stream().anyMatch(t -> caller.username().equals(t.investigator))) {
            return true;
        }
        return caller.hasRole(Roles.MEDICALLY_RESPONSIBLE)
                && d.tracks.stream()
                        .anyMatch(t -> t.policy().handledBy() == HandledBy.MEDICALLY_RESPONSIBLE
                                && t.closure != DeviationTrackClosedV1.Closure.RECLASSIFIED);
    }

    /**
     * Whether the caller may attribute work on case {@code d} (an action, and so a deadline in that
     * unit's lists) to {@code unit}: the quality team any unit; a unit manager the units of their part
     * of the organisation; the case's investigator or the MAS the units the case itself concerns (where
     * it happened and the units involved).
     */
    public boolean mayAttributeWorkTo(Deviation d, UUID unit) {
        if (caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN)) {
            return true;
        }
        if (caller.hasRole(Roles.UNIT_MANAGER) && managedUnits().contains(unit)) {
            return true;
        }
        return investigates(d) && (unit.equals(d.orgUnitId) || d.involvedOrgUnitIds.contains(unit));
    }

    /** The units in the token and every unit under them, for a unit manager (read once per request). */
    public Set<UUID> managedUnits() {
        if (managed == null) {
            managed = caller.hasRole(Roles.UNIT_MANAGER) ? orgUnits.subtree(caller.orgUnits()) : Set.of();
        }
        return managed;
    }
}
