package se.kvalitet.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.registry.OrgUnit;
import se.kvalitet.registry.OrgUnitVersion;
import se.kvalitet.registry.OrgUnitVersion.Change;
import se.kvalitet.registry.repository.OrgUnitRepository;
import se.kvalitet.registry.repository.OrgUnitVersionRepository;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Changes to the organisation tree: one use case per method, each one transaction that writes the
 * unit's new version(s) and an {@link OrgUnitChangedV1} per changed unit to the outbox.
 */
@ApplicationScoped
public class OrgUnitService {

    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

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
    CoveragePublisher coverage;

    @ConfigProperty(name = "kvalitet.registry.org-unit-types")
    List<String> types;

    public record NewPart(String code, String name) {
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(SWEDEN));
    }

    @Transactional
    public OrgUnitVersion create(UUID id, String code, String name, String type, UUID parentId, LocalDate validFrom) {
        LocalDate from = validFrom == null ? today() : validFrom;
        if (!types.contains(type)) {
            throw ProblemException.invalidField("type", "must be one of " + types);
        }
        if (parentId == null) {
            if (!type.equals(types.get(0))) {
                throw ProblemException.invalidField("parentId", "only a unit of type " + types.get(0) + " may be a root");
            }
        } else {
            activeOn(parentId, from, "parentId");
        }
        if (id != null && units.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("org-unit-exists", "An org unit with this id exists").with("orgUnitId", id);
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
        LocalDate from = effectiveFrom == null ? today() : effectiveFrom;
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
        LocalDate from = effectiveFrom == null ? today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.MOVED);
        activeOn(parentId, from, "parentId");
        if (subtree(id, from).contains(parentId)) {
            throw ProblemException.conflict("org-unit-cycle", "A unit cannot be moved under itself or one of its own units")
                    .with("parentId", parentId);
        }
        next.parentId = parentId;
        return record(next);
    }

    @Transactional
    public OrgUnitVersion close(UUID id, String ifMatch, LocalDate effectiveFrom) {
        LocalDate from = effectiveFrom == null ? today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.CLOSED);
        List<UUID> children = activeChildren(id, from);
        if (!children.isEmpty()) {
            throw ProblemException.conflict("org-unit-has-units",
                    "Move or close the units under it first (or merge it into another unit)").with("activeChildren", children);
        }
        next.active = false;
        return record(next);
    }

    /** Merges a unit into another: its units move to the target, and it closes (change MERGED). */
    @Transactional
    public OrgUnitVersion merge(UUID id, String ifMatch, UUID intoId, LocalDate effectiveFrom) {
        LocalDate from = effectiveFrom == null ? today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.MERGED);
        if (id.equals(intoId)) {
            throw ProblemException.invalidField("intoId", "must be another unit");
        }
        activeOn(intoId, from, "intoId");
        if (subtree(id, from).contains(intoId)) {
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
    public List<OrgUnitVersion> split(UUID id, String ifMatch, List<NewPart> parts, boolean closeOriginal, LocalDate effectiveFrom) {
        LocalDate from = effectiveFrom == null ? today() : effectiveFrom;
        OrgUnitVersion next = successor(id, ifMatch, from, Change.SPLIT);
        if (closeOriginal && !activeChildren(id, from).isEmpty()) {
            throw ProblemException.conflict("org-unit-has-units", "Move the units under it before closing it by a split")
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

    // ------------------------------------------------------------------ queries

    /** One page of the tree as of a day (optionally a subtree), sorted by name, paged in the database. */
    @Transactional
    public se.kvalitet.web.Page<OrgUnitVersion> page(LocalDate day, UUID under, boolean includeClosed, int page, int limit) {
        if (under != null) {
            one(under, day);
        }
        return new se.kvalitet.web.Page<>(versions.page(day, under, includeClosed, (page - 1) * limit, limit), page, limit,
                versions.count(day, under, includeClosed));
    }

    @Transactional
    public OrgUnitVersion one(UUID id, LocalDate day) {
        return versions.asOf(id, day).orElseThrow(() -> ProblemException.notFound("Org unit " + id + " on " + day));
    }

    @Transactional
    public List<OrgUnitVersion> history(UUID id) {
        List<OrgUnitVersion> h = versions.history(id);
        if (h.isEmpty()) {
            throw ProblemException.notFound("Org unit " + id);
        }
        return h;
    }

    @Transactional
    public long version(UUID id) {
        return units.findByIdOptional(id).map(u -> u.version).orElseThrow(() -> ProblemException.notFound("Org unit " + id));
    }

    /** The unit and every unit under it on {@code day}. */
    public Set<UUID> subtree(UUID root, LocalDate day) {
        return versions.subtree(root, day);
    }

    /** The unit's ancestors on {@code day}, nearest first (not the unit itself). */
    public List<UUID> ancestors(UUID unit, LocalDate day) {
        return versions.ancestors(unit, day);
    }

    /**
     * The units a document applying to some of them concerns {@code unit}: the unit, its ancestors
     * (a routine for the whole department applies to it) and the units under it.
     */
    public Set<UUID> around(UUID unit, LocalDate day) {
        Set<UUID> out = new LinkedHashSet<>(subtree(unit, day));
        out.addAll(ancestors(unit, day));
        return out;
    }

    // ------------------------------------------------------------------ internals

    private OrgUnitVersion successor(UUID id, String ifMatch, LocalDate from, Change change) {
        OrgUnit unit = units.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Org unit " + id));
        ETags.requireMatch(ifMatch, unit.version);
        OrgUnitVersion latest = versions.latest(id).orElseThrow(() -> ProblemException.notFound("Org unit " + id));
        if (!latest.active) {
            throw ProblemException.conflict("org-unit-closed", "The unit is closed").with("closedFrom", latest.validFrom);
        }
        if (from.isBefore(latest.validFrom)) {
            throw ProblemException.conflict("retroactive-change",
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
            if (latest.change == Change.CREATED && (change == Change.RENAMED || change == Change.MOVED || change == Change.UPDATED)) {
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
        outbox.publish(new OrgUnitChangedV1(v.orgUnitId, v.code, v.name, v.type, v.parentId, v.validFrom, v.active,
                v.change.name(), v.related(), v.recordedAt));
        // the tree moved: documents and verksamheter above a unit now apply (or no longer apply) to it
        coverage.refresh();
        return v;
    }

    private OrgUnitVersion activeOn(UUID id, LocalDate day, String field) {
        OrgUnitVersion v = versions.asOf(id, day).orElseThrow(() ->
                ReferenceProblems.unknown(field, "no such org unit on " + day));
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
