package se.kvalitet.events.deviation;

/** What a complainant's message is (klagomål, synpunkt, beröm). */
public enum ComplaintKind {
    COMPLAINT,
    SUGGESTION,
    PRAISE
}
