package se.kvalitet.registry.domain;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Something coverage is computed from has changed in the current transaction (the tree, a
 * verksamhet, the requirement catalogue, a document's approval or withdrawal). Fired
 * synchronously by the feature that changed it; the coverage feature observes it and refreshes
 * the published unit snapshots in the same transaction. An event rather than a call so that the
 * features coverage reads from do not depend on coverage (no package cycle).
 *
 * @param documentUnits where only documents changed (approved, superseded, withdrawn): the units of the versions
 *     that came into or went out of force; only the units at or under them can move (issue 20: an approval
 *     recomputes those, not the whole organisation). Null: anything may have moved, every unit is recomputed.
 */
public record CoverageInputsChanged(Set<UUID> documentUnits) {

    /** Anything may have moved (the tree, verksamheter, the requirement catalogue). */
    public CoverageInputsChanged() {
        this(null);
    }

    /** Documents of these units came into or went out of force. */
    public static CoverageInputsChanged documentsOf(Collection<UUID> units) {
        return new CoverageInputsChanged(Set.copyOf(units));
    }

    public boolean everything() {
        return documentUnits == null;
    }
}
