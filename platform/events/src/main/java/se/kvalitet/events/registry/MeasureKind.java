package se.kvalitet.events.registry;

/** How a risk is handled (Malmö seed 004 §7: directly, as egenkontroll or in internal control). */
public enum MeasureKind {
    /** Åtgärda direkt. */
    ACT_NOW,
    /** Follow up in an egenkontroll (followup-service). */
    EGENKONTROLL,
    /** Take into the internal control plan (internkontrollplan). */
    INTERNAL_CONTROL
}
