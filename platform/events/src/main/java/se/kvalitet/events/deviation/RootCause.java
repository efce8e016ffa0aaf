package se.kvalitet.events.deviation;

/** Root-cause taxonomy for investigations (the commonest in seed 003's analysis come first). */
public enum RootCause {
    /** Rutin saknas. */
    MISSING_ROUTINE,
    /** Rutin bristfällig. */
    DEFICIENT_ROUTINE,
    /** Rutin inte känd eller inte följd. */
    ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED,
    /** Bemanning och resurser. */
    STAFFING_AND_RESOURCES,
    /** Kommunikation och informationsöverföring. */
    COMMUNICATION_AND_INFORMATION_TRANSFER,
    /** Dokumentation. */
    DOCUMENTATION,
    /** Kompetens. */
    COMPETENCE,
    /** Teknik och utrustning. */
    TECHNOLOGY,
    /** Annat. */
    OTHER
}
