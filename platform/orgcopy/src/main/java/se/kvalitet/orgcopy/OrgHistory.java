package se.kvalitet.orgcopy;

import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The organisation over time, in memory: which parent (and name) a unit had on a given day, for
 * statistics that place thousands of facts on the day they happened. A date before a unit's first
 * snapshot takes its first snapshot (registries are often loaded after the organisation existed;
 * the database queries of {@link OrgCopy} are strict instead). Plain Java, no I/O: built by
 * {@link OrgCopy#history()} from every kept snapshot; organisations have hundreds or a few thousand units.
 */
public final class OrgHistory {

    /** One snapshot of a unit, valid from {@code validFrom} until the next. */
    public record Version(UUID unitId, LocalDate validFrom, UUID parentId, String name, String level, boolean active) {}

    private static final int MAX_DEPTH = 30;
    private static final Collator SWEDISH = Collator.getInstance(Locale.forLanguageTag("sv-SE"));

    private final Map<UUID, List<Version>> byUnit = new HashMap<>();
    private final Map<Long, List<UUID>> ancestorCache = new HashMap<>();
    private final Map<UUID, Integer> ids = new HashMap<>();

    public OrgHistory(List<Version> versions) {
        for (Version v : versions) {
            byUnit.computeIfAbsent(v.unitId(), k -> new ArrayList<>()).add(v);
        }
        byUnit.values().forEach(l -> l.sort(Comparator.comparing(Version::validFrom)));
    }

    /** Units that never had a parent (the boards), sorted by id. */
    public List<UUID> roots() {
        return byUnit.entrySet().stream()
                .filter(e -> e.getValue().stream().allMatch(v -> v.parentId() == null))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    public boolean knows(UUID unit) {
        return byUnit.containsKey(unit);
    }

    /** The snapshot in force on {@code date} (the first one for a date before it), null for an unknown unit. */
    public Version versionOn(UUID unit, LocalDate date) {
        List<Version> versions = byUnit.get(unit);
        if (versions == null) {
            return null;
        }
        Version found = versions.get(0);
        for (Version v : versions) {
            if (v.validFrom().isAfter(date)) {
                break;
            }
            found = v;
        }
        return found;
    }

    public String nameOn(UUID unit, LocalDate date) {
        Version v = versionOn(unit, date);
        return v == null ? null : v.name();
    }

    /** The unit and its ancestors on {@code date}, nearest first; empty for an unknown unit. */
    public List<UUID> ancestorsOn(UUID unit, LocalDate date) {
        long key = ((long) id(unit) << 32) | (date.toEpochDay() & 0xffffffffL);
        return ancestorCache.computeIfAbsent(key, k -> {
            List<UUID> path = new ArrayList<>();
            UUID u = unit;
            while (u != null && path.size() < MAX_DEPTH && !path.contains(u)) {
                Version v = versionOn(u, date);
                if (v == null) {
                    break;
                }
                path.add(u);
                u = v.parentId();
            }
            return List.copyOf(path);
        });
    }

    private int id(UUID unit) {
        return ids.computeIfAbsent(unit, k -> ids.size());
    }

    /** Every day in (from, to] on which some unit's placement or name changes: the org is constant between two. */
    public List<LocalDate> changeDates(LocalDate from, LocalDate to) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (List<Version> versions : byUnit.values()) {
            for (Version v : versions) {
                if (v.validFrom().isAfter(from) && !v.validFrom().isAfter(to)) {
                    dates.add(v.validFrom());
                }
            }
        }
        return List.copyOf(dates);
    }

    /**
     * The units under {@code root} (root included) at some day of [from, to], each with the parent it
     * had on the last such day: the shape the pivot is drawn in, root first then depth-first with
     * children in Swedish alphabetical order.
     */
    public List<Node> tree(UUID root, LocalDate from, LocalDate to) {
        List<LocalDate> probes = new ArrayList<>();
        probes.add(from);
        probes.addAll(changeDates(from, to));
        Map<UUID, Node> nodes = new HashMap<>();
        for (LocalDate day : probes) {
            for (UUID unit : byUnit.keySet()) {
                List<UUID> up = ancestorsOn(unit, day);
                int at = up.indexOf(root);
                if (at < 0) {
                    continue;
                }
                UUID parent = at == 0 ? null : up.get(1);
                Version v = versionOn(unit, day);
                nodes.put(unit, new Node(unit, parent, v.name(), v.level(), at));
            }
        }
        Map<UUID, List<Node>> children = new HashMap<>();
        for (Node n : nodes.values()) {
            if (n.parentId() != null && nodes.containsKey(n.parentId())) {
                children.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
            }
        }
        children.values().forEach(l -> l.sort((a, b) -> SWEDISH.compare(a.name(), b.name())));
        List<Node> out = new ArrayList<>();
        Node top = nodes.get(root);
        if (top == null) {
            return out;
        }
        walk(top, 0, children, out, new LinkedHashSet<>());
        return out;
    }

    private static void walk(Node n, int depth, Map<UUID, List<Node>> children, List<Node> out, Set<UUID> seen) {
        if (!seen.add(n.unitId())) {
            return;
        }
        out.add(new Node(n.unitId(), n.parentId(), n.name(), n.level(), depth));
        for (Node c : children.getOrDefault(n.unitId(), List.of())) {
            walk(c, depth + 1, children, out, seen);
        }
    }

    /** A unit as drawn in the pivot. */
    public record Node(UUID unitId, UUID parentId, String name, String level, int depth) {}
}
