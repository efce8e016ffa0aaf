package se.kvalitet.events.registry;

/** Why a document was withdrawn (upphävd). */
public enum WithdrawalReason {
    /** No longer needed. */
    OBSOLETE,
    /** Replaced by another document (replacedByDocumentId). */
    REPLACED,
    /** The organisation it applied to changed. */
    ORGANISATION_CHANGED,
    /** The rules it implemented changed. */
    LEGAL_CHANGE,
    /** Another reason. */
    OTHER
}
