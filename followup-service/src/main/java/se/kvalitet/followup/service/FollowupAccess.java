package se.kvalitet.followup.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ProblemException;

/**
 * Who may record follow-up data for which unit. Measurements and evaluations are aggregates
 * without personal data, so every staff role may read them; writing is for the quality team (all
 * units) and unit managers (the units in their token and the units below them).
 */
@RequestScoped
public class FollowupAccess {

    @Inject
    Caller caller;

    @Inject
    OrgUnits orgUnits;

    public boolean isCentral() {
        return caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN);
    }

    /** Whether the caller may write data for {@code unit}. */
    public boolean mayWriteFor(UUID unit, OrgTree tree) {
        if (isCentral()) {
            return true;
        }
        return caller.hasRole(Roles.UNIT_MANAGER) && tree.within(unit, caller.orgUnits());
    }

    public void requireWriteFor(UUID unit) {
        if (!mayWriteFor(unit, orgUnits.tree())) {
            throw ProblemException.forbidden("You may not record follow-up data for org unit " + unit);
        }
    }

    public String who() {
        return caller.subject();
    }
}
