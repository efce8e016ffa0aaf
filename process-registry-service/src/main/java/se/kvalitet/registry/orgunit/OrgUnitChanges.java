package se.kvalitet.registry.orgunit;

import static se.kvalitet.registry.domain.Values.blankToNull;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.registry.domain.CoverageInputsChanged;
import se.kvalitet.registry.orgunit.OrgUnitVersion.Change;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Changes to the organisation tree, each one transaction that writes a new dated unit version and
 * publishes org-unit.changed: create, rename, move, split, merge, close. Coverage is told through
 * {@link CoverageInputsChanged}.
 */
@ApplicationScoped
public class OrgUnitChanges {

    @Inject
    OrgUnitRepository units;

    @Inject
    OrgUnitVersionRepository versions;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    Event<CoverageInputsChanged> coverageInputs;

    @ConfigProperty(name = "kvalitet.registry.org-unit-types")
    List<String> types;

    @Inject
    OrgUnitService orgUnits;

    public record NewPart(String code, String name) {}

    @Transactional
    public OrgUnitVersion create(UUID id, String code, String name, String type, UUID parentId, LocalDate validFrom) {
        LocalDate from = validFrom == null ? orgUnits.today() : validFrom;
        if (!types.contains(type)) {
            throw ProblemException.invalidField("type", "must be one of " + types);
        }
        if (parentId == null) {
            if (!type.equals(types.get(0))) {
                throw ProblemException.invalidField(
                        "parentId", "only a unit of type " + types.get(0) + " may be a root");
            }
        } else {
            activeOn(parentId, from, "parentId");
        }
        if (id != null && units.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("org-unit-exists", "An org unit with this id exists")
                    .with("orgUnitId", id);
        }
        requireUniqueCode(code, from, null);
        OrgUnit unit = new OrgUnit();
        unit.id = id == null ? UUID.randomUUID() : id;
        unit.createdAt = clock.instant();
        units.persist(unit);
        OrgUnitVersion v = new OrgUnitVersion();
        v.id = UUID.randomUUID();
        v.orgUnitId = unit.id;
        v.validFrom = from;
        v.code = blankToNull(code);
        v.name = name.strip();
        v.type = type;
        v.parentId = parentId;
        v.active = true;
        v.change = Change.CREATED;
        record(v);
        return v;
    }

    @Transactional
    public OrgUnitVersion rename(UUID id, String ifMatch, String name, String code, LocalDate effectiveFrom) {
        LocalDate from = effectiveFrom == null ? orgUnits.today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.RENAMED);
        if (code != null) {
            requireUniqueCode(code, from, id);
            next.code = blankToNull(code);
        }
        next.name = name.strip();
        return record(next);
    }

    @Transactional
    public OrgUnitVersion move(UUID id, String ifMatch, UUID parentId, LocalDate effectiveFrom) {
        LocalDate from = effectiveFrom == null ? orgUnits.today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.MOVED);
        activeOn(parentId, from, "parentId");
        if (orgUnits.subtree(id, from).contains(parentId)) {
            throw ProblemException.conflict(
                            "org-unit-cycle", "A unit cannot be moved under itself or one of its own units")
                    .with("parentId", parentId);
        }
        next.parentId = parentId;
        return record(next);
    }

    @Transactional
    public OrgUnitVersion close(UUID id, String ifMatch, LocalDate effectiveFrom) {
        LocalDate from = effectiveFrom == null ? orgUnits.today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.CLOSED);
        List<UUID> children = activeChildren(id, from);
        if (!children.isEmpty()) {
            throw ProblemException.conflict(
                            "org-unit-has-units",
                            "Move or close the units under it first (or merge it into another unit)")
                    .with("activeChildren", children);
        }
        next.active = false;
        return record(next);
    }

    /** Merges a unit into another: its units move to the target, and it closes (change MERGED). */
    @Transactional
    public OrgUnitVersion merge(UUID id, String ifMatch, UUID intoId, LocalDate effectiveFrom) {
        LocalDate from = effectiveFrom == null ? orgUnits.today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.MERGED);
        if (id.equals(intoId)) {
            throw ProblemException.invalidField("intoId", "must be another unit");
        }
        activeOn(intoId, from, "intoId");
        if (orgUnits.subtree(id, from).contains(intoId)) {
            throw ProblemException.conflict("org-unit-cycle", "A unit cannot be merged into one of its own units");
        }
        for (UUID child : activeChildren(id, from)) {
            OrgUnitVersion moved = successorOf(versions.latest(child).orElseThrow(), from, Change.MOVED);
            moved.parentId = intoId;
            bump(child);
            record(moved);
        }
        next.active = false;
        next.related(List.of(intoId));
        return record(next);
    }

    /** Splits new sibling units off a unit (same parent and type); the original closes if asked. */
    @Transactional
    public List<OrgUnitVersion> split(
            UUID id, String ifMatch, List<NewPart> parts, boolean closeOriginal, LocalDate effectiveFrom) {
        LocalDate from = effectiveFrom == null ? orgUnits.today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.SPLIT);
        if (closeOriginal && !activeChildren(id, from).isEmpty()) {
            throw ProblemException.conflict(
                            "org-unit-has-units", "Move the units under it before closing it by a split")
                    .with("activeChildren", activeChildren(id, from));
        }
        Set<String> codes = new HashSet<>();
        List<OrgUnitVersion> created = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            NewPart p = parts.get(i);
            if (p.code() != null && !codes.add(p.code())) {
                throw ProblemException.invalidField("parts[" + i + "].code", "is given twice");
            }
            requireUniqueCode(p.code(), from, null);
            OrgUnit unit = new OrgUnit();
            unit.id = UUID.randomUUID();
            unit.createdAt = clock.instant();
            units.persist(unit);
            OrgUnitVersion v = new OrgUnitVersion();
            v.id = UUID.randomUUID();
            v.orgUnitId = unit.id;
            v.validFrom = from;
            v.code = blankToNull(p.code());
            v.name = p.name().strip();
            v.type = next.type;
            v.parentId = next.parentId;
            v.active = true;
            v.change = Change.CREATED;
            v.related(List.of(id));
            created.add(v);
        }
        next.related(created.stream().map(v -> v.orgUnitId).toList());
        next.active = !closeOriginal;
        List<OrgUnitVersion> out = new ArrayList<>();
        out.add(record(next));
        created.forEach(v -> out.add(record(v)));
        return out;
    }

    private OrgUnitVersion successor(UUID id, String ifMatch, LocalDate from, Change change) {
        OrgUnit unit = units.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Org unit " + id));
        ETags.requireMatch(ifMatch, unit.version);
        OrgUnitVersion latest = versions.latest(id).orElseThrow(() -> ProblemException.notFound("Org unit " + id));
        if (!latest.active) {
            throw ProblemException.conflict("org-unit-closed", "The unit is closed")
                    .with("closedFrom", latest.validFrom);
        }
        if (from.isBefore(latest.validFrom)) {
            throw ProblemException.conflict(
                            "retroactive-change",
                            "The unit has a later version; changes take effect on or after its latest change")
                    .with("latestChangeFrom", latest.validFrom);
        }
        bump(id);
        return successorOf(latest, from, change);
    }

    /** A new version from {@code from}; on the same day as the latest, that day's version is replaced. */
    private OrgUnitVersion successorOf(OrgUnitVersion latest, LocalDate from, Change change) {
        OrgUnitVersion next = latest.successor(from, change);
        if (from.equals(latest.validFrom)) {
            versions.delete(latest);
            versions.flush();
            next.related(latest.related());
            if (latest.change == Change.CREATED
                    && (change == Change.RENAMED || change == Change.MOVED || change == Change.UPDATED)) {
                // created and changed on the same day: still the day it was created
                next.change = Change.CREATED;
            }
        } else {
            latest.validTo = from;
        }
        return next;
    }

    private void bump(UUID id) {
        OrgUnit unit = units.findById(id);
        // touching the aggregate root makes Hibernate increment @Version even when only versions change
        units.getEntityManager().lock(unit, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    }

    private OrgUnitVersion record(OrgUnitVersion v) {
        v.recordedAt = clock.instant();
        v.recordedBy = caller.isAuthenticated() ? caller.subject() : "system";
        versions.persist(v);
        outbox.publish(new OrgUnitChangedV1(
                v.orgUnitId,
                v.code,
                v.name,
                v.type,
                v.parentId,
                v.validFrom,
                v.active,
                v.change.name(),
                v.related(),
                v.recordedAt));
        // the tree moved: documents and verksamheter above a unit now apply (or no longer apply) to it
        coverageInputs.fire(new CoverageInputsChanged());
        return v;
    }

    private OrgUnitVersion activeOn(UUID id, LocalDate day, String field) {
        OrgUnitVersion v = versions.asOf(id, day)
                .orElseThrow(() -> ReferenceProblems.unknown(field, "no such org unit on " + day));
        if (!v.active) {
            throw ReferenceProblems.unknown(field, "the unit is closed on " + day);
        }
        return v;
    }

    private List<UUID> activeChildren(UUID id, LocalDate day) {
        return versions.activeChildren(id, day).stream().map(v -> v.orgUnitId).toList();
    }

    private void requireUniqueCode(String code, LocalDate day, UUID self) {
        if (code == null || code.isBlank()) {
            return;
        }
        for (OrgUnitVersion v : versions.activeWithCode(code.strip(), day)) {
            if (!v.orgUnitId.equals(self)) {
                throw ProblemException.conflict("org-unit-code-taken", "Another active unit has this code")
                        .with("orgUnitId", v.orgUnitId);
            }
        }
    }
}
