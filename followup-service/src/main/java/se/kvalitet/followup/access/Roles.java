package se.kvalitet.followup.access;

/** Realm roles (deploy/keycloak) this service checks. */
public final class Roles {

    public static final String REPORTER = "reporter";
    public static final String UNIT_MANAGER = "unit-manager";
    public static final String INVESTIGATOR = "investigator";
    public static final String QUALITY_TEAM = "quality-team";
    public static final String PROCESS_OWNER = "process-owner";
    public static final String MEDICALLY_RESPONSIBLE = "medically-responsible";
    public static final String VIEWER = "viewer";
    public static final String ADMIN = "admin";
    public static final String BI_READER = "bi-reader";
    /** The migration import of past years (issue 16 item 1): only POST/GET /imports. */
    public static final String IMPORTER = "importer";

    // Lists of roles that many endpoints share. @RolesAllowed takes only constants, so a list is one string:
    // a config expression whose default is the comma-separated roles (Quarkus splits the resolved value at
    // commas). Adding a role to a list is one edit here. The property named in the expression is not set in
    // any deployment; e2e-tests' authorization matrix checks the resulting set per endpoint.

    private static final String STAFF_LIST = REPORTER + "," + UNIT_MANAGER + "," + INVESTIGATOR + "," + QUALITY_TEAM
            + "," + PROCESS_OWNER + "," + MEDICALLY_RESPONSIBLE + "," + ADMIN;

    /** Staff who read follow-up records (measurements, egenkontroll, …); not the board (viewer) nor BI clients. */
    public static final String STAFF = "${kvalitet.roles.staff:" + STAFF_LIST + "}";

    /** Everyone who reads aggregates (indicators, goals, evaluations, Kolada series): staff, viewer, bi-reader. */
    public static final String READERS =
            "${kvalitet.roles.readers:" + STAFF_LIST + "," + VIEWER + "," + BI_READER + "}";

    private Roles() {}
}
