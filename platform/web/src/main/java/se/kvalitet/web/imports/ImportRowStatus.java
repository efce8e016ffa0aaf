package se.kvalitet.web.imports;

import se.kvalitet.web.ProblemException;

/** How one row of an import run came out; stored by its name, and the {@code status} filter of GET on a run. */
public enum ImportRowStatus {
    /** Stored as a new record. */
    ACCEPTED,
    /** Its source reference was imported before with the same values: nothing stored or published again. */
    ALREADY_IMPORTED,
    /** Refused, with the fields and reasons; nothing of it is stored. */
    REJECTED;

    /**
     * The {@code status} query parameter of GET on a run: null when absent, else one of the names; anything else is a
     * 400 naming {@code status}.
     */
    public static ImportRowStatus filter(String status) {
        if (status == null) {
            return null;
        }
        try {
            return valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be ACCEPTED, ALREADY_IMPORTED or REJECTED");
        }
    }
}
