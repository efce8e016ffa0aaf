package se.kvalitet.followup.access;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgTree;
import se.kvalitet.orgcopy.OrgUnitLookup;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Who may write follow-up data for which unit. Follow-up data are aggregates without personal
 * data, so the staff roles read them for every unit (the organisation learns from each other's
 * results); writing is for the quality team and admins (every unit) and unit managers (the units
 * in their token and every unit below them, from the local copy of the organisation).
 */
@RequestScoped
public class FollowupAccess {

    @Inject
    Caller caller;

    @Inject
    OrgCopy orgUnits;

    @Inject
    OrgUnitLookup lookup;

    private OrgTree tree;
    private final Set<UUID> notInRegistry = new HashSet<>();
    private String system;

    /** Lets this request context act for the service itself (demo data at start-up): no token, every unit. */
    public void actAsSystem(String name) {
        system = name;
    }

    public boolean isCentral() {
        return system != null || caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN);
    }

    /** The organisation as this service knows it, read once per request. */
    public OrgTree tree() {
        if (tree == null) {
            tree = orgUnits.tree();
        }
        return tree;
    }

    /** Whether the caller may write data for {@code unit}. */
    public boolean mayWriteFor(UUID unit) {
        if (isCentral()) {
            return true;
        }
        return unit != null
                && system == null
                && caller.hasRole(Roles.UNIT_MANAGER)
                && tree().within(unit, caller.orgUnits());
    }

    public void requireWriteFor(UUID unit) {
        if (!mayWriteFor(unit)) {
            throw ProblemException.forbidden("You may not change follow-up data of org unit " + unit);
        }
    }

    /**
     * Whether the organisation has {@code unit}: the local copy, or else process-registry-service asked at
     * once (a unit created a moment ago whose event has not arrived; platform/orgcopy's {@link OrgUnitLookup},
     * which stores it in the copy; a registry that does not answer is a 503). Asked once per request and unit.
     */
    public boolean knowsUnit(UUID unit) {
        if (unit == null || tree().knows(unit)) {
            return unit != null;
        }
        if (notInRegistry.contains(unit)) {
            return false;
        }
        if (lookup.knows(unit)) {
            tree = null; // the copy gained the unit: read the tree again
            return true;
        }
        notInRegistry.add(unit);
        return false;
    }

    /** 422 (unknown-reference) unless the organisation has {@code unit} ({@link #knowsUnit}). */
    public void requireKnownUnit(String field, UUID unit) {
        if (unit != null && !knowsUnit(unit)) {
            throw ReferenceProblems.unknown(field, "no such org unit (as published by the process registry)");
        }
    }

    /** The service itself (demo data at start-up), not a caller. */
    public boolean isSystem() {
        return system != null;
    }

    /**
     * Whether the caller may see what concerns {@code unit} beyond the aggregates every role reads (the
     * registry's risk analyses, the cases of deviation-service): the quality team and admins every unit,
     * a unit manager the units of their part of the organisation.
     */
    public boolean mayInspect(UUID unit) {
        return isCentral()
                || (unit != null && caller.hasRole(Roles.UNIT_MANAGER) && tree().within(unit, caller.orgUnits()));
    }

    /** Who writes: the token's subject (an id, not a name), or the service itself. */
    public String who() {
        return system != null ? system : caller.subject();
    }

    /** Forgets the tree read in this request (after the local copy changed within it). */
    public void refreshTree() {
        tree = null;
    }
}
