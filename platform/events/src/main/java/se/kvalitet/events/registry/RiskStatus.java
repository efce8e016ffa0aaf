package se.kvalitet.events.registry;

/** Where a risk stands. */
public enum RiskStatus {
    /** Assessed; measures planned or under way. */
    OPEN,
    /** The measures are carried out; the remaining risk is acceptable. */
    MITIGATED,
    /** Accepted without (further) measures. */
    ACCEPTED,
    /** No longer relevant (e.g. the activity ended). */
    CLOSED
}
