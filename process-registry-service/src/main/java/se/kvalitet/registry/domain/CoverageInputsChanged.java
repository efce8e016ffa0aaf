package se.kvalitet.registry.domain;

/**
 * Something coverage is computed from has changed in the current transaction (the tree, a
 * verksamhet, the requirement catalogue, a document's approval or withdrawal). Fired
 * synchronously by the feature that changed it; the coverage feature observes it and refreshes
 * the published unit snapshots in the same transaction. An event rather than a call so that the
 * features coverage reads from do not depend on coverage (no package cycle).
 */
public record CoverageInputsChanged() {}
