package se.kvalitet.registry.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;

/**
 * Seed 002's matrix, computed: for the units that run verksamheter, which requirement items apply
 * to them and which documents in force satisfy each (with follow-up method and responsible), and
 * which have none. Pure: the caller supplies the tree, verksamheter, requirement items and
 * documents as they stand on one day.
 *
 * <p>Rules: a requirement applies to a verksamhet when it lists none or one of its legal bases, and
 * none or one of its kinds. A unit runs the verksamheter linked to it or to a unit above it. A
 * document applying to a unit applies to every unit under it. A unit is covered for a requirement
 * when a document in force for it links the requirement.
 */
public final class CoverageCalculator {

    public record Unit(UUID id, UUID parentId) {}

    public record Area(UUID id, Set<UUID> orgUnitIds, Set<LegalBasis> legalBases, Set<VerksamhetKind> kinds) {}

    public record Requirement(
            UUID id,
            String regulationCode,
            String reference,
            int orderKey,
            Set<LegalBasis> legalBases,
            Set<VerksamhetKind> kinds) {

        boolean appliesTo(Area a) {
            return (legalBases.isEmpty() || legalBases.stream().anyMatch(a.legalBases()::contains))
                    && (kinds.isEmpty() || kinds.stream().anyMatch(a.kinds()::contains));
        }
    }

    public record Link(UUID requirementItemId, FollowUpMethod followUpMethod, String responsible) {}

    public record Doc(
            UUID documentId, UUID versionId, DocumentType type, int version, Set<UUID> orgUnitIds, List<Link> links) {}

    public enum State {
        COVERED,
        PARTIAL,
        GAP
    }

    /** One document satisfying a requirement, with how it is followed up. */
    public record Satisfier(Doc document, Link link) {}

    public record Row(
            Requirement requirement,
            State state,
            List<Satisfier> satisfiers,
            Set<UUID> applicableUnits,
            Set<UUID> uncoveredUnits) {}

    /** The units considered, with the verksamheter each runs. */
    public record Result(UUID unit, Map<UUID, Set<UUID>> operatingUnits, List<Row> rows) {

        public long count(State s) {
            return rows.stream().filter(r -> r.state() == s).count();
        }
    }

    /** One operating unit's coverage, as published in unit-coverage.changed. */
    public record UnitCoverage(
            UUID unit,
            Set<UUID> verksamhetIds,
            List<Requirement> applicable,
            List<Requirement> covered,
            List<Requirement> gaps,
            int documentsInForce) {}

    private final Collection<Unit> tree;
    private final Map<UUID, UUID> parent = new HashMap<>();
    private final Map<UUID, List<UUID>> children = new HashMap<>();
    private final List<Area> areas;
    private final List<Requirement> requirements;
    private final List<Doc> docs;

    public CoverageCalculator(Collection<Unit> tree, List<Area> areas, List<Requirement> requirements, List<Doc> docs) {
        this.tree = tree;
        for (Unit u : tree) {
            parent.put(u.id(), u.parentId());
            if (u.parentId() != null) {
                children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u.id());
            }
        }
        this.areas = areas;
        this.requirements = requirements.stream()
                .sorted(Comparator.comparing(Requirement::regulationCode)
                        .thenComparingInt(Requirement::orderKey)
                        .thenComparing(Requirement::reference))
                .toList();
        this.docs = docs;
    }

    /**
     * The same tree, verksamheter and requirements with these documents (a caller that loads the structure first
     * and then only the documents a question needs, issue 20).
     */
    public CoverageCalculator withDocuments(List<Doc> documents) {
        return new CoverageCalculator(tree, areas, requirements, documents);
    }

    /** The unit and the units above it: the units whose documents apply to it. */
    public Set<UUID> selfAndAncestors(UUID unit) {
        Set<UUID> out = new LinkedHashSet<>();
        UUID u = unit;
        while (u != null && out.add(u)) {
            u = parent.get(u);
        }
        return out;
    }

    /** The unit and every unit under it: the units a document for it applies to. */
    public Set<UUID> subtree(UUID root) {
        Set<UUID> out = new LinkedHashSet<>();
        List<UUID> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            UUID u = todo.remove(todo.size() - 1);
            if (out.add(u)) {
                todo.addAll(children.getOrDefault(u, List.of()));
            }
        }
        return out;
    }

    /** The verksamheter a unit runs: linked to it or to a unit above it. */
    List<Area> areasOf(UUID unit) {
        Set<UUID> up = selfAndAncestors(unit);
        return areas.stream()
                .filter(a -> a.orgUnitIds().stream().anyMatch(up::contains))
                .toList();
    }

    /** The units that run a verksamhet directly. */
    public Set<UUID> operatingUnits() {
        Set<UUID> out = new TreeSet<>();
        areas.forEach(a -> a.orgUnitIds().stream().filter(parent::containsKey).forEach(out::add));
        return out;
    }

    private List<Doc> docsFor(UUID unit) {
        Set<UUID> up = selfAndAncestors(unit);
        return docs.stream()
                .filter(d -> d.orgUnitIds().stream().anyMatch(up::contains))
                .toList();
    }

    /** The matrix for a unit and the operating units under it, optionally for one verksamhet only. */
    public Result forUnit(UUID unit, UUID verksamhetId) {
        Set<UUID> considered = new LinkedHashSet<>();
        considered.add(unit);
        Set<UUID> direct = operatingUnits();
        subtree(unit).stream().filter(direct::contains).forEach(considered::add);
        Map<UUID, Set<UUID>> operating = new LinkedHashMap<>();
        Map<UUID, List<Requirement>> applicable = new HashMap<>();
        for (UUID u : considered) {
            List<Area> a = areasOf(u).stream()
                    .filter(x -> verksamhetId == null || x.id().equals(verksamhetId))
                    .toList();
            if (a.isEmpty()) {
                continue;
            }
            operating.put(u, new TreeSet<>(a.stream().map(Area::id).toList()));
            applicable.put(
                    u,
                    requirements.stream()
                            .filter(r -> a.stream().anyMatch(r::appliesTo))
                            .toList());
        }
        Map<UUID, List<Doc>> docsByUnit = new HashMap<>();
        operating.keySet().forEach(u -> docsByUnit.put(u, docsFor(u)));
        List<Row> rows = new ArrayList<>();
        for (Requirement r : requirements) {
            Set<UUID> units = new LinkedHashSet<>();
            Set<UUID> uncovered = new LinkedHashSet<>();
            Map<UUID, Satisfier> satisfiers = new LinkedHashMap<>();
            for (UUID u : operating.keySet()) {
                if (!applicable.get(u).contains(r)) {
                    continue;
                }
                units.add(u);
                boolean covered = false;
                for (Doc d : docsByUnit.get(u)) {
                    for (Link l : d.links()) {
                        if (l.requirementItemId().equals(r.id())) {
                            covered = true;
                            satisfiers.putIfAbsent(d.documentId(), new Satisfier(d, l));
                        }
                    }
                }
                if (!covered) {
                    uncovered.add(u);
                }
            }
            if (units.isEmpty()) {
                continue;
            }
            State state =
                    uncovered.isEmpty() ? State.COVERED : uncovered.size() == units.size() ? State.GAP : State.PARTIAL;
            rows.add(new Row(r, state, List.copyOf(satisfiers.values()), units, uncovered));
        }
        return new Result(unit, operating, rows);
    }

    /** The coverage of one operating unit on its own (for its published snapshot). */
    public UnitCoverage ofUnit(UUID unit) {
        List<Doc> inForce = docsFor(unit);
        Set<UUID> linked = new java.util.HashSet<>();
        inForce.forEach(d -> d.links().forEach(l -> linked.add(l.requirementItemId())));
        return ofUnit(unit, linked, inForce.size());
    }

    /**
     * The coverage of one operating unit from what its documents amount to, read elsewhere (issue 20: the
     * requirement items linked by the documents in force for it or a unit above it, and how many documents those
     * are), so that a change recomputes the units it touches without loading every document.
     */
    public UnitCoverage ofUnit(UUID unit, Set<UUID> linked, int documentsInForce) {
        List<Area> a = areasOf(unit);
        List<Requirement> applicable = requirements.stream()
                .filter(r -> a.stream().anyMatch(r::appliesTo))
                .toList();
        List<Requirement> covered =
                applicable.stream().filter(r -> linked.contains(r.id())).toList();
        List<Requirement> gaps =
                applicable.stream().filter(r -> !linked.contains(r.id())).toList();
        return new UnitCoverage(
                unit, new TreeSet<>(a.stream().map(Area::id).toList()), applicable, covered, gaps, documentsInForce);
    }
}
