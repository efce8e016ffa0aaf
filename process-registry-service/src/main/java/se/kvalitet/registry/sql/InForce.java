package se.kvalitet.registry.sql;

/** The one rule for "in force on a day", shared by the coverage matrix and the reviews list as of a day. */
public final class InForce {

    /**
     * A decided version is in force on {@code :day} (SQL, a condition on {@code document_version v}): valid from the
     * day or before, not superseded or withdrawn by then (both dates are the first day the version no longer applies).
     */
    public static final String VERSION_ON_DAY = """
            v.status IN ('APPROVED', 'SUPERSEDED', 'WITHDRAWN') AND v.valid_from <= :day
               AND (v.superseded_on IS NULL OR v.superseded_on > :day) AND (v.withdrawn_on IS NULL OR v.withdrawn_on > :day)""";

    /** The ids of the decided versions in force on {@code :day} (SQL). */
    public static final String VERSIONS_ON_DAY = "SELECT v.id FROM document_version v WHERE " + VERSION_ON_DAY;

    private InForce() {}
}
