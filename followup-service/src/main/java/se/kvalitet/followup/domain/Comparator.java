package se.kvalitet.followup.domain;

/** How a målvärde is compared: ">= 4 on a 5-point scale", "100 %", "<= 10 %", "at least one per group". */
public enum Comparator {
    AT_LEAST, AT_MOST, EXACTLY, BETWEEN,
    /**
     * "Minst en insats per grupp": the value is a count per org unit (group); a unit meets it with at
     * least N, and a roll-up meets it only when every group below it does.
     */
    AT_LEAST_PER_GROUP
}
