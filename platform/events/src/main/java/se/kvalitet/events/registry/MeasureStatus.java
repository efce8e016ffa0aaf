package se.kvalitet.events.registry;

/** Where a measure against a risk stands. */
public enum MeasureStatus {
    /** Planned. */
    PLANNED,
    /** Under way. */
    IN_PROGRESS,
    /** Done. */
    DONE,
    /** Cancelled. */
    CANCELLED
}
