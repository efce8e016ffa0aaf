package se.kvalitet.registry.access;

/** Realm roles this service knows. */
public final class Roles {
    public static final String REPORTER = "reporter";
    public static final String UNIT_MANAGER = "unit-manager";
    public static final String INVESTIGATOR = "investigator";
    public static final String QUALITY_TEAM = "quality-team";
    public static final String PROCESS_OWNER = "process-owner";
    public static final String MEDICALLY_RESPONSIBLE = "medically-responsible";
    public static final String VIEWER = "viewer";
    public static final String ADMIN = "admin";
    public static final String CASE_SYSTEM = "case-system";
    public static final String BI_READER = "bi-reader";

    /** Moves past years in (the migration import, issue 16 item 1); nothing else. */
    public static final String IMPORTER = "importer";

    // Lists of roles that many endpoints share. @RolesAllowed takes only constants, so a list is one string:
    // a config expression whose default is the comma-separated roles (Quarkus splits the resolved value at
    // commas). Adding a role to a list is one edit here. The property named in the expression is not set in
    // any deployment; e2e-tests' authorization matrix checks the resulting set per endpoint.

    private static final String READER_LIST = REPORTER + "," + UNIT_MANAGER + "," + INVESTIGATOR + "," + QUALITY_TEAM
            + "," + PROCESS_OWNER + "," + MEDICALLY_RESPONSIBLE + "," + ADMIN + "," + VIEWER + "," + BI_READER;

    /** Every human reader and BI clients. */
    public static final String READERS = "${kvalitet.roles.readers:" + READER_LIST + "}";

    /** {@link #READERS} and the case system (which reads routines, org units, requirements and partners). */
    public static final String READERS_AND_CASE_SYSTEM =
            "${kvalitet.roles.readers-and-case-system:" + READER_LIST + "," + CASE_SYSTEM + "}";

    private Roles() {}
}
