package se.kvalitet.deviation.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.Deviation;
import se.kvalitet.deviation.DeviationTrack;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.web.Caller;

/**
 * Object-level access to case records (need-to-know, offentlighets- och sekretesslagen): the
 * quality team sees every report; a unit manager the reports of the units in the token and every
 * unit under them (the organisation as process-registry-service publishes it);
 * an investigator the reports with a track assigned to them; the medically responsible (MAS) every
 * report with a lex Maria track; a reporter or machine client the reports it filed. What a caller may not see does not exist for
 * them (404).
 */
@RequestScoped
public class DeviationAccess {

    @Inject
    Caller caller;

    @Inject
    OrgUnitCopy orgUnits;

    public boolean canRead(Deviation d) {
        return canWorkOn(d) || d.reporterSubject.equals(caller.subject());
    }

    /**
     * Whether the caller may work on the case (actions, root causes) by their role rather than as
     * its reporter: the quality team, a manager of its unit subtree, an assigned investigator, the
     * MAS on a lex Maria case.
     */
    public boolean canWorkOn(Deviation d) {
        if (caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN)) {
            return true;
        }
        if (caller.hasRole(Roles.UNIT_MANAGER)) {
            Set<UUID> units = orgUnits.withDescendants(caller.orgUnits());
            if (units.contains(d.orgUnitId) || d.involvedOrgUnitIds.stream().anyMatch(units::contains)) {
                return true;
            }
        }
        if (caller.hasRole(Roles.INVESTIGATOR) && d.tracks.stream().anyMatch(t -> caller.username().equals(t.investigator))) {
            return true;
        }
        if (caller.hasRole(Roles.MEDICALLY_RESPONSIBLE)
                && d.tracks.stream().anyMatch(t -> t.category == DeviationCategory.LEX_MARIA && t.closure != DeviationTrack.Closure.RECLASSIFIED)) {
            return true;
        }
        return false;
    }
}
