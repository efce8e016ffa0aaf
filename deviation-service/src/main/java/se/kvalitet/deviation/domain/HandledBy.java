package se.kvalitet.deviation.domain;

/** Who assesses, notifies and completes a track besides its investigation work. */
public enum HandledBy {
    /** The quality team (and admins); the assigned investigator works on the case. */
    QUALITY_TEAM,
    /** Only the medically responsible nurse (MAS), who may also work on every such track (lex Maria). */
    MEDICALLY_RESPONSIBLE
}
