package se.kvalitet.e2e;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects the authorization matrix acts on, by kind, for the two variants of a row (0: the caller's own
 * part of the organisation, the Äldreomsorg subtree with unit 11; 1: a foreign one, IFO with unit 21).
 *
 * <p>Kinds come in groups made together (a report with its track and action; a risk analysis with its
 * risk). A group is made when first needed, and made afresh after a write that succeeded on one of its
 * objects ({@link #renew}): a successful write may change what later cells find (a track assigned, a
 * document approved), so every cell meets objects in the same state whatever ran before it. Writes that
 * are refused change nothing, which is what the matrix checks. Safe for the run's parallel cells: a group
 * is made once, under the object's lock.
 */
final class MatrixFixtures {

    /** Makes one group's objects for a variant: kind → id. */
    @FunctionalInterface
    interface Maker {
        Map<String, String> make(int variant) throws Exception;
    }

    private static final class Group {
        final String name;
        final Set<String> kinds;
        final boolean shared;
        final Maker maker;
        final Map<Integer, Map<String, String>> made = new HashMap<>();

        Group(String name, Set<String> kinds, boolean shared, Maker maker) {
            this.name = name;
            this.kinds = kinds;
            this.shared = shared;
            this.maker = maker;
        }
    }

    private final Map<String, Group> groupOf = new HashMap<>();
    private int made;

    /** A group whose objects belong to a part of the organisation: one set per variant. */
    void perVariant(String name, Maker maker, String... kinds) {
        add(new Group(name, new LinkedHashSet<>(List.of(kinds)), false, maker));
    }

    /** A group of objects that belong to no unit (the same for both variants); {@code maker} is called with 0. */
    void shared(String name, Maker maker, String... kinds) {
        add(new Group(name, new LinkedHashSet<>(List.of(kinds)), true, maker));
    }

    /** Objects that are never written (the demo organisation's units, a demo board goal). */
    void fixed(String kind, String own, String foreign) {
        perVariant("fixed " + kind, v -> Map.of(kind, v == 0 ? own : foreign), kind);
    }

    private void add(Group g) {
        for (String kind : g.kinds) {
            if (groupOf.put(kind, g) != null) {
                throw new IllegalArgumentException("fixture kind " + kind + " is registered twice");
            }
        }
    }

    boolean has(String kind) {
        return groupOf.containsKey(kind);
    }

    /** The id of the variant's object of this kind, made first if need be. */
    synchronized String id(String kind, int variant) {
        Group g = groupOf.get(kind);
        if (g == null) {
            throw new IllegalStateException("no fixture of kind " + kind);
        }
        int key = g.shared ? 0 : variant;
        Map<String, String> ids = g.made.get(key);
        if (ids == null) {
            try {
                ids = g.maker.make(key);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "fixture group " + g.name + " (variant " + key + ") could not be made", e);
            }
            if (!ids.keySet().containsAll(g.kinds)) {
                throw new IllegalStateException(
                        "fixture group " + g.name + " made " + ids.keySet() + ", not " + g.kinds);
            }
            g.made.put(key, ids);
            made++;
        }
        return ids.get(kind);
    }

    /** Forgets the variant's group of this kind: the next cell gets fresh objects. Fixed kinds stay. */
    synchronized void renew(String kind, int variant) {
        Group g = groupOf.get(kind);
        if (g != null && !g.name.startsWith("fixed ")) {
            g.made.remove(g.shared ? 0 : variant);
        }
    }

    /** How many groups were made so far (for the run's summary). */
    synchronized int groupsMade() {
        return made;
    }
}
