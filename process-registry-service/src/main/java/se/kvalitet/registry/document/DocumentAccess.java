package se.kvalitet.registry.document;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.access.Roles;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Who may change steering documents (SOSFS 2011:9 4 kap., 6 kap.): the quality team and admins any
 * document; a process owner (processägare) the documents owned by a unit in the subtree of the
 * units in their token. Everyone else reads the approved versions only: drafts and versions in
 * review are not shown to them (a 404, so their existence does not leak).
 */
@RequestScoped
public class DocumentAccess {

    @Inject
    Caller caller;

    @Inject
    OrgUnitService orgUnits;

    private Set<UUID> editable;

    /**
     * The quality team, admins, or the service itself: demo data at startup and schedulers run
     * without a token, while every HTTP endpoint requires one ({@code @RolesAllowed}), so an
     * unauthenticated caller here is always internal.
     */
    public boolean qualityTeam() {
        return !caller.isAuthenticated() || caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN);
    }

    /** Whether the caller may edit documents owned by {@code ownerUnit}. */
    public boolean canEdit(UUID ownerUnit) {
        if (qualityTeam()) {
            return true;
        }
        return caller.hasRole(Roles.PROCESS_OWNER)
                && ownerUnit != null
                && editableUnits().contains(ownerUnit);
    }

    public boolean canEdit(Document d) {
        return canEdit(d.ownerOrgUnitId);
    }

    /** The owner units a process owner may edit; empty for others (the quality team edits everything). */
    public Set<UUID> editableUnits() {
        if (editable == null) {
            editable = new HashSet<>();
            if (caller.hasRole(Roles.PROCESS_OWNER)) {
                caller.orgUnits().forEach(u -> editable.addAll(orgUnits.subtree(u, orgUnits.today())));
            }
        }
        return editable;
    }

    /** A 403 for a document the caller can read but not edit; a 404 when they cannot even see it. */
    public void requireEdit(Document d) {
        if (!canEdit(d)) {
            if (d.status == Document.Status.NOT_APPROVED) {
                throw ProblemException.notFound("Document " + d.id);
            }
            throw ProblemException.forbidden("Only the quality team and the document's process owners change it");
        }
    }

    /** For a new document or a new owner: the caller must be allowed to edit documents of that unit (403 naming the field). */
    public void requireOwnerUnit(UUID ownerUnit) {
        if (!canEdit(ownerUnit)) {
            throw ReferenceProblems.foreign(
                    "ownerOrgUnitId",
                    "a process owner creates and keeps documents owned by units of "
                            + "their own part of the organisation");
        }
    }

    /**
     * The units a document applies to decide what it governs and whose coverage it counts for: a process
     * owner names units of their own part of the organisation (403 naming the field); units the document
     * already applies to may stay. The quality team names any unit.
     */
    public void requireApplicableUnits(List<UUID> requested, Collection<UUID> already) {
        if (qualityTeam() || requested == null) {
            return;
        }
        for (int i = 0; i < requested.size(); i++) {
            UUID unit = requested.get(i);
            if (!editableUnits().contains(unit) && !already.contains(unit)) {
                throw ReferenceProblems.foreign(
                        "orgUnitIds[" + i + "]",
                        "a process owner makes documents apply to units of " + "their own part of the organisation");
            }
        }
    }

    /** Whether the caller sees the document at all: one in force or withdrawn, or a draft they may edit. */
    public boolean canSee(Document d) {
        return d.status != Document.Status.NOT_APPROVED || canEdit(d);
    }
}
