package se.kvalitet.registry.orgunit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.web.ProblemException;

/**
 * The organisation tree as of a day: one unit, a page of units, a unit's history, subtrees and
 * ancestors, and the service's "today" (Europe/Stockholm). Every feature reads the tree through
 * this; changes are {@link OrgUnitChanges}.
 */
@ApplicationScoped
public class OrgUnitService {

    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    @Inject
    OrgUnitRepository units;

    @Inject
    OrgUnitVersionRepository versions;

    @Inject
    Clock clock;

    public LocalDate today() {
        return LocalDate.now(clock.withZone(SWEDEN));
    }

    /**
     * The day an "as of" query answers for: the {@code asOf} query parameter (YYYY-MM-DD; malformed or out of
     * range is a 400 problem naming it), else today (an empty value too). One rule for every day-dependent read.
     */
    public LocalDate asOf(String asOf) {
        LocalDate day = se.kvalitet.web.QueryParams.date("asOf", asOf);
        return day == null ? today() : day;
    }

    // ------------------------------------------------------------------ queries

    /** One page of the tree as of a day (optionally a subtree), sorted by name, paged in the database. */
    @Transactional
    public se.kvalitet.web.Page<OrgUnitVersion> page(
            LocalDate day, UUID under, boolean includeClosed, int page, int limit) {
        if (under != null) {
            one(under, day);
        }
        return new se.kvalitet.web.Page<>(
                versions.page(day, under, includeClosed, (page - 1) * limit, limit),
                page,
                limit,
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
        return units.findByIdOptional(id)
                .map(u -> u.version)
                .orElseThrow(() -> ProblemException.notFound("Org unit " + id));
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
}
