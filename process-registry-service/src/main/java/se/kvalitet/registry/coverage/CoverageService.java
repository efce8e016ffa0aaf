package se.kvalitet.registry.coverage;

import static se.kvalitet.registry.sql.Columns.enumValue;
import static se.kvalitet.registry.sql.Columns.integer;
import static se.kvalitet.registry.sql.Columns.string;
import static se.kvalitet.registry.sql.Columns.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.registry.domain.CoverageCalculator;
import se.kvalitet.registry.domain.CoverageCalculator.Area;
import se.kvalitet.registry.domain.CoverageCalculator.Doc;
import se.kvalitet.registry.domain.CoverageCalculator.Link;
import se.kvalitet.registry.domain.CoverageCalculator.Requirement;
import se.kvalitet.registry.domain.CoverageCalculator.Unit;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.orgunit.OrgUnitVersionRepository;
import se.kvalitet.registry.requirement.RequirementItem;
import se.kvalitet.registry.verksamhet.Verksamhet;
import se.kvalitet.web.ProblemException;

/**
 * Loads what coverage is computed from, as it stands on a day: the tree, the verksamheter, the
 * requirement items in force and the documents in force (a decided version applies from its
 * validFrom until it is superseded or withdrawn).
 */
@ApplicationScoped
public class CoverageService {

    /** A decided version {@code v} in force on :day. */
    static final String IN_FORCE = se.kvalitet.registry.sql.InForce.VERSION_ON_DAY;

    @Inject
    EntityManager em;

    @Inject
    OrgUnitVersionRepository unitVersions;

    @Inject
    OrgUnitService orgUnits;

    /**
     * What coverage is computed from apart from the documents, as it stands on a day: the tree, the verksamheter and
     * the requirement items in force (the organisation and the catalogue: they do not grow with history). Add the
     * documents a question needs with {@link CoverageCalculator#withDocuments} ({@link #documentsInForce}), or read
     * what a unit's documents amount to from {@link CoverageSummary#facts}.
     */
    @Transactional
    public CoverageCalculator structure(LocalDate day) {
        List<Unit> tree = unitVersions.asOf(day).stream()
                .filter(v -> v.active)
                .map(v -> new Unit(v.orgUnitId, v.parentId))
                .toList();
        List<Area> areas = em.createQuery("from Verksamhet", Verksamhet.class)
                .getResultStream()
                .map(v -> new Area(v.id, Set.copyOf(v.orgUnitIds), Set.copyOf(v.legalBases), Set.copyOf(v.kinds)))
                .toList();
        List<Requirement> requirements = em.createQuery(
                        "from RequirementItem i where i.withdrawnOn is null or i.withdrawnOn > :day",
                        RequirementItem.class)
                .setParameter("day", day)
                .getResultStream()
                .map(i -> new Requirement(
                        i.id,
                        i.regulation.code,
                        i.reference,
                        i.orderKey,
                        Set.copyOf(i.legalBases),
                        Set.copyOf(i.kinds)))
                .toList();
        return new CoverageCalculator(tree, areas, requirements, List.of());
    }

    /** The documents in force on {@code day} for any of {@code units}, with their units and requirement links. */
    @SuppressWarnings("unchecked")
    List<Doc> documentsInForce(LocalDate day, Set<UUID> units) {
        if (units.isEmpty()) {
            return List.of();
        }
        String versions =
                "SELECT DISTINCT v.id FROM document_version_org_unit x JOIN document_version v ON v.id = x.version_id"
                        + " WHERE x.org_unit_id IN (:units) AND " + IN_FORCE;
        List<Tuple> heads = (List<Tuple>) em.createNativeQuery(
                        "SELECT v.id AS version_id, v.document_id, d.type, v.number FROM document_version v"
                                + " JOIN document d ON d.id = v.document_id WHERE v.id IN (" + versions + ")",
                        Tuple.class)
                .setParameter("day", day)
                .setParameter("units", units)
                .getResultList();
        Map<UUID, Set<UUID>> unitsOf = new HashMap<>();
        for (Tuple row : (List<Tuple>) em.createNativeQuery(
                        "SELECT u.version_id, u.org_unit_id FROM document_version_org_unit u WHERE u.version_id IN ("
                                + versions + ")",
                        Tuple.class)
                .setParameter("day", day)
                .setParameter("units", units)
                .getResultList()) {
            unitsOf.computeIfAbsent(uuid(row, "version_id"), k -> new HashSet<>())
                    .add(uuid(row, "org_unit_id"));
        }
        Map<UUID, List<Link>> links = new HashMap<>();
        for (Tuple row : (List<Tuple>) em.createNativeQuery(
                        "SELECT r.version_id, r.requirement_item_id, r.follow_up_method, r.responsible"
                                + " FROM document_version_requirement r WHERE r.version_id IN (" + versions + ")"
                                + " ORDER BY r.version_id, r.position",
                        Tuple.class)
                .setParameter("day", day)
                .setParameter("units", units)
                .getResultList()) {
            links.computeIfAbsent(uuid(row, "version_id"), k -> new ArrayList<>())
                    .add(new Link(
                            uuid(row, "requirement_item_id"),
                            enumValue(row, "follow_up_method", FollowUpMethod.class),
                            string(row, "responsible")));
        }
        return heads.stream()
                .map(row -> {
                    UUID id = uuid(row, "version_id");
                    return new Doc(
                            uuid(row, "document_id"),
                            id,
                            enumValue(row, "type", DocumentType.class),
                            integer(row, "number"),
                            unitsOf.getOrDefault(id, Set.of()),
                            links.getOrDefault(id, List.of()));
                })
                .toList();
    }

    /**
     * The matrix for a unit (and the operating units under it), optionally for one verksamhet: from the documents
     * for the unit, the units above it and the units under it (the only ones that can apply to those units).
     */
    @Transactional
    public CoverageCalculator.Result forUnit(UUID unit, UUID verksamhetId, LocalDate day) {
        orgUnits.one(unit, day);
        if (verksamhetId != null && em.find(Verksamhet.class, verksamhetId) == null) {
            throw ProblemException.invalidField("verksamhet", "no such verksamhet");
        }
        CoverageCalculator structure = structure(day);
        Set<UUID> concerned = new HashSet<>(structure.selfAndAncestors(unit));
        concerned.addAll(structure.subtree(unit));
        return structure.withDocuments(documentsInForce(day, concerned)).forUnit(unit, verksamhetId);
    }

    /** Titles of the given versions (the satisfying documents shown in the matrix). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<UUID, String> titles(Set<UUID> versionIds) {
        if (versionIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> out = new HashMap<>();
        for (Tuple row : (List<Tuple>)
                em.createNativeQuery("SELECT id, title FROM document_version WHERE id IN (:ids)", Tuple.class)
                        .setParameter("ids", versionIds)
                        .getResultList()) {
            out.put(uuid(row, "id"), string(row, "title"));
        }
        return out;
    }

    /** Requirement item summaries for the response. */
    @Transactional
    public Map<UUID, String> summaries(Set<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> out = new HashMap<>();
        em.createQuery("from RequirementItem i where i.id in :ids", RequirementItem.class)
                .setParameter("ids", itemIds)
                .getResultStream()
                .forEach(i -> out.put(i.id, i.summary));
        return out;
    }
}
