package se.kvalitet.events.registry;

/** How the satisfaction of a requirement by a routine is followed up (uppföljningsmetod, seed 002's matrix). */
public enum FollowUpMethod {
    /** Egenkontroll (SOSFS 2011:9 5 kap. 2 §). */
    EGENKONTROLL,
    /** Kvalitetsuppföljning. */
    QUALITY_FOLLOW_UP,
    /** Granskning av dokumentation (e.g. case records). */
    DOCUMENT_REVIEW,
    /** Statistik. */
    STATISTICS,
    /** Survey of clients or staff (brukarundersökning, enkät). */
    SURVEY,
    /** Internal control (internkontroll). */
    INTERNAL_CONTROL,
    /** Loggkontroll. */
    LOG_CHECK,
    /** Yearly evaluation and update of an agreement (utvärdering av överenskommelse). */
    AGREEMENT_REVIEW,
    /** Another method. */
    OTHER
}
