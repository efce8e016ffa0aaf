package se.kvalitet.events.followup;

/**
 * How a målvärde (target) is compared with a value: "≥ 4 on a 5-point scale", "100 %", "≤ 10 %",
 * "at least one per group". The wire values are the constant names (unchanged since the events
 * carried them as strings). Its evaluation lives in followup-service ({@code domain.Target});
 * every printer switches over it without a default, so a new value fails compilation where it must
 * be printed.
 */
public enum TargetComparison {
    /** The value is at least the target. */
    AT_LEAST,
    /** The value is at most the target. */
    AT_MOST,
    /** The value equals the target. */
    EXACTLY,
    /** The value lies between the target (lower bound) and the upper bound, both included. */
    BETWEEN,
    /**
     * "Minst en insats per grupp": the value is a count per org unit (group); a unit meets it with at
     * least N, and a roll-up meets it only when every group below it does.
     */
    AT_LEAST_PER_GROUP
}
