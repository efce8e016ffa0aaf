package se.kvalitet.events.registry;

/** What a risk analysis is about (SOSFS 2011:9 5 kap. 1 §). */
public enum RiskSubjectKind {
    /** An ongoing process. */
    PROCESS,
    /** An activity of a process (e.g. information transfer). */
    ACTIVITY,
    /** A planned change of the verksamhet (riskanalys inför förändring). */
    PLANNED_CHANGE
}
