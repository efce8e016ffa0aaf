package se.kvalitet.events.registry;

/** How often a document is reviewed (revideras). */
public enum ReviewInterval {
    /** Årligen. */
    YEARLY,
    /** Vartannat år. */
    EVERY_SECOND_YEAR,
    /** Vid behov: no scheduled review. */
    ON_DEMAND,
    /** Every N months (reviewIntervalMonths). */
    MONTHS
}
