package se.kvalitet.events.deviation;

/** A filed notification cannot be edited: what follows is a supplement (komplettering), a new record. */
public enum NotificationKind {
    INITIAL,
    SUPPLEMENT
}
