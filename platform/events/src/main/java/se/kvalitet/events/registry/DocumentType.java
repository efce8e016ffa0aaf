package se.kvalitet.events.registry;

/** A steering document's kind (styrdokument). Activities are not documents of their own: they are the ordered steps of a process and are approved with it (their ids travel in the process's events). */
public enum DocumentType {
    /** Process (kärnprocess, stödprocess or ledningsprocess), SOSFS 2011:9 4 kap. 2 §. */
    PROCESS,
    /** Rutin for an activity of a process (4 kap. 4 §): how it is done and who is responsible. */
    ROUTINE,
    /** Riktlinje: the frame for a verksamhetsområde, usually decided by the board. */
    GUIDELINE,
    /** Checklista. */
    CHECKLIST,
    /** Samverkansöverenskommelse with external partners (4 kap. 5 §). */
    COOPERATION_AGREEMENT
}
