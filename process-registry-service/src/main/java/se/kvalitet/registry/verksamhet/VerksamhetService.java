package se.kvalitet.registry.verksamhet;

import static se.kvalitet.registry.domain.Values.replaceAll;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;
import se.kvalitet.registry.domain.CoverageInputsChanged;
import se.kvalitet.registry.orgunit.OrgUnitRepository;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.verksamhet.VerksamhetCommands.VerksamhetCommand;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/** Verksamheter (areas of operation): one use case per method, each one transaction. */
@ApplicationScoped
public class VerksamhetService {

    @Inject
    VerksamhetRepository verksamheter;

    @Inject
    OrgUnitRepository units;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    Event<CoverageInputsChanged> coverageInputs;

    /** Filters of the list; null means no filter. */
    public record Filter(
            UUID orgUnitId, boolean includeSubtree, LegalBasis legalBasis, VerksamhetKind kind, Instant updatedSince) {}

    @Transactional
    public Verksamhet create(VerksamhetCommand r) {
        return create(null, r);
    }

    /** With a fixed id (demo data); {@code id} null draws one. */
    @Transactional
    public Verksamhet create(UUID id, VerksamhetCommand r) {
        String code = r.code().strip();
        if (verksamheter.find("code", code).firstResultOptional().isPresent()) {
            throw ProblemException.conflict("verksamhet-code-taken", "A verksamhet with this code exists")
                    .with("code", code);
        }
        Verksamhet v = new Verksamhet();
        v.id = id == null ? UUID.randomUUID() : id;
        v.createdAt = clock.instant();
        apply(v, r);
        verksamheter.persist(v);
        coverageInputs.fire(new CoverageInputsChanged());
        return v;
    }

    @Transactional
    public Verksamhet replace(UUID id, String ifMatch, VerksamhetCommand r) {
        Verksamhet v = get(id);
        ETags.requireMatch(ifMatch, v.version);
        String code = r.code().strip();
        verksamheter
                .find("code", code)
                .firstResultOptional()
                .filter(other -> !other.id.equals(id))
                .ifPresent(other -> {
                    throw ProblemException.conflict("verksamhet-code-taken", "Another verksamhet has this code")
                            .with("code", code);
                });
        apply(v, r);
        // flush so the response carries the new version (ETag); updatedAt always changes, so it does move
        verksamheter.flush();
        coverageInputs.fire(new CoverageInputsChanged());
        return v;
    }

    @Transactional
    public Verksamhet get(UUID id) {
        return verksamheter.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Verksamhet " + id));
    }

    @Transactional
    public se.kvalitet.web.Page<Verksamhet> list(Filter f, int page, int limit) {
        StringBuilder q = new StringBuilder("from Verksamhet v where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.orgUnitId() != null) {
            Set<UUID> unitIds =
                    f.includeSubtree() ? orgUnits.subtree(f.orgUnitId(), orgUnits.today()) : Set.of(f.orgUnitId());
            params.add(unitIds);
            q.append(" and v.id in (select v2.id from Verksamhet v2 join v2.orgUnitIds u where u in ?")
                    .append(params.size())
                    .append(")");
        }
        if (f.legalBasis() != null) {
            params.add(f.legalBasis());
            q.append(" and ?").append(params.size()).append(" member of v.legalBases");
        }
        if (f.kind() != null) {
            params.add(f.kind());
            q.append(" and ?").append(params.size()).append(" member of v.kinds");
        }
        if (f.updatedSince() != null) {
            params.add(f.updatedSince());
            q.append(" and v.updatedAt >= ?").append(params.size());
        }
        var query = verksamheter.find(q + " order by v.name, v.id", params.toArray());
        long total = query.count();
        List<Verksamhet> items = query.page(Page.of(page - 1, limit)).list();
        return new se.kvalitet.web.Page<>(items, page, limit, total);
    }

    private void apply(Verksamhet v, VerksamhetCommand r) {
        Set<UUID> requested = new LinkedHashSet<>(r.orgUnitIds());
        Set<UUID> known = requested.isEmpty()
                ? Set.of()
                : new HashSet<>(units.getEntityManager()
                        .createQuery("select u.id from OrgUnit u where u.id in :ids", UUID.class)
                        .setParameter("ids", requested)
                        .getResultList());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < r.orgUnitIds().size(); i++) {
            if (!known.contains(r.orgUnitIds().get(i))) {
                errors.add(new Problem.FieldError("orgUnitIds[" + i + "]", "no such org unit in the registry"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(
                    "unknown-org-unit", "Some org units do not exist in the registry", errors);
        }
        v.code = r.code().strip();
        v.name = r.name().strip();
        v.description = r.description() == null || r.description().isBlank()
                ? null
                : r.description().strip();
        replaceAll(v.legalBases, r.legalBases());
        replaceAll(v.kinds, r.kinds());
        replaceAll(v.orgUnitIds, requested);
        v.updatedAt = clock.instant();
        v.updatedBy = caller.isAuthenticated() ? caller.subject() : "system";
    }
}
