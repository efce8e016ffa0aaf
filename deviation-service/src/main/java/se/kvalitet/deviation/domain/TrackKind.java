package se.kvalitet.deviation.domain;

/** How a track of a category is handled after triage. */
public enum TrackKind {
    /** Nothing to handle: the track ends at triage (it needs a reason and stands alone). */
    NONE,
    /** Investigated with dated entries and completed with a position (ställningstagande or analysis). */
    INVESTIGATION,
    /** Received, acknowledged and answered (SOSFS 2011:9 5 kap 3-5 §§); completed with an outcome. */
    COMPLAINT
}
