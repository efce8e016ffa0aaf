package se.kvalitet.followup.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The organisation tree as this service knows it (local copy in {@code org_unit}), for roll-up and access. */
public final class OrgTree {

    private final Map<UUID, UUID> parents;
    private final Map<UUID, List<UUID>> children = new HashMap<>();

    public OrgTree(Map<UUID, UUID> parentOf) {
        this.parents = Map.copyOf(parentOf);
        parentOf.forEach((child, parent) -> {
            if (parent != null) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(child);
            }
        });
    }

    public boolean knows(UUID unit) {
        return parents.containsKey(unit);
    }

    public Set<UUID> units() {
        return parents.keySet();
    }

    /** Every unit strictly below {@code unit}. */
    public Set<UUID> descendants(UUID unit) {
        Set<UUID> out = new LinkedHashSet<>();
        Deque<UUID> todo = new ArrayDeque<>(children.getOrDefault(unit, List.of()));
        while (!todo.isEmpty()) {
            UUID u = todo.pop();
            if (out.add(u)) {
                todo.addAll(children.getOrDefault(u, List.of()));
            }
        }
        return out;
    }

    /** Whether {@code unit} is one of {@code roots} or below one of them. */
    public boolean within(UUID unit, Set<UUID> roots) {
        UUID u = unit;
        Set<UUID> seen = new LinkedHashSet<>();
        while (u != null && seen.add(u)) {
            if (roots.contains(u)) {
                return true;
            }
            u = parents.get(u);
        }
        return false;
    }
}
