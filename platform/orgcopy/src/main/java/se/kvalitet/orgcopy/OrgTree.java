package se.kvalitet.orgcopy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The organisation tree at one point in time, in memory (built by {@link OrgCopy#tree()} from the
 * units as last published), for roll-ups and access checks that walk the whole tree many times.
 * Pure: no database.
 */
public final class OrgTree {

    private final Map<UUID, UUID> parents;
    private final Map<UUID, String> names;
    private final Map<UUID, List<UUID>> children = new HashMap<>();

    public OrgTree(Map<UUID, UUID> parentOf) {
        this(parentOf, Map.of());
    }

    public OrgTree(Map<UUID, UUID> parentOf, Map<UUID, String> nameOf) {
        this.parents = new HashMap<>(parentOf);
        this.names = Map.copyOf(nameOf);
        parentOf.forEach((child, parent) -> {
            if (parent != null && !parent.equals(child)) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(child);
            }
        });
        // a stable order: by name, then id
        Comparator<UUID> order =
                Comparator.comparing((UUID u) -> names.getOrDefault(u, "")).thenComparing(u -> u);
        children.values().forEach(l -> l.sort(order));
    }

    public boolean knows(UUID unit) {
        return parents.containsKey(unit);
    }

    public Set<UUID> units() {
        return parents.keySet();
    }

    public String name(UUID unit) {
        return names.get(unit);
    }

    public UUID parent(UUID unit) {
        return parents.get(unit);
    }

    public List<UUID> children(UUID unit) {
        return children.getOrDefault(unit, List.of());
    }

    /** Units without a parent in the tree (normally the board), in a stable order. */
    public List<UUID> roots() {
        List<UUID> roots = new ArrayList<>();
        for (Map.Entry<UUID, UUID> e : parents.entrySet()) {
            if (e.getValue() == null || !parents.containsKey(e.getValue())) {
                roots.add(e.getKey());
            }
        }
        roots.sort(Comparator.comparing((UUID u) -> names.getOrDefault(u, "")).thenComparing(u -> u));
        return roots;
    }

    /** Every unit strictly below {@code unit}. */
    public Set<UUID> descendants(UUID unit) {
        Set<UUID> out = new LinkedHashSet<>();
        Deque<UUID> todo = new ArrayDeque<>(children(unit));
        while (!todo.isEmpty()) {
            UUID u = todo.pop();
            if (out.add(u)) {
                todo.addAll(children(u));
            }
        }
        return out;
    }

    /** {@code unit} and the units below it down to {@code depth} levels, parents before children. */
    public List<UUID> preorder(UUID unit, int depth) {
        List<UUID> out = new ArrayList<>();
        walk(unit, depth, out, new HashSet<>());
        return out;
    }

    private void walk(UUID unit, int depth, List<UUID> out, Set<UUID> seen) {
        if (!seen.add(unit)) {
            return;
        }
        out.add(unit);
        if (depth > 0) {
            for (UUID c : children(unit)) {
                walk(c, depth - 1, out, seen);
            }
        }
    }

    /** Whether {@code unit} is one of {@code roots} or below one of them. */
    public boolean within(UUID unit, Set<UUID> roots) {
        UUID u = unit;
        Set<UUID> seen = new HashSet<>();
        while (u != null && seen.add(u)) {
            if (roots.contains(u)) {
                return true;
            }
            u = parents.get(u);
        }
        return false;
    }

    /** Each unit with itself and its ancestors (for counting facts of a subtree in one SQL pass). */
    public Map<UUID, List<UUID>> ancestorsAndSelf() {
        Map<UUID, List<UUID>> out = new HashMap<>();
        for (UUID unit : parents.keySet()) {
            List<UUID> chain = new ArrayList<>();
            UUID u = unit;
            Set<UUID> seen = new HashSet<>();
            while (u != null && seen.add(u)) {
                chain.add(u);
                u = parents.get(u);
            }
            out.put(unit, chain);
        }
        return out;
    }
}
