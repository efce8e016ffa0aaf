package se.kvalitet.deviation.access;

/** Realm roles (deploy/keycloak) this service checks. */
public final class Roles {

    public static final String REPORTER = "reporter";
    public static final String UNIT_MANAGER = "unit-manager";
    public static final String INVESTIGATOR = "investigator";
    public static final String QUALITY_TEAM = "quality-team";
    public static final String MEDICALLY_RESPONSIBLE = "medically-responsible";
    public static final String ADMIN = "admin";
    public static final String CASE_SYSTEM = "case-system";

    /** Whoever moves past years in from another system (the migration import; nothing else). */
    public static final String IMPORTER = "importer";

    // Lists of roles that many endpoints share. @RolesAllowed takes only constants, so a list is one string:
    // a config expression whose default is the comma-separated roles (Quarkus splits the resolved value at
    // commas). Adding a role to a list is one edit here. The property named in the expression is not set in
    // any deployment; e2e-tests' authorization matrix checks the resulting set per endpoint.

    private static final String HANDLER_LIST =
            UNIT_MANAGER + "," + INVESTIGATOR + "," + QUALITY_TEAM + "," + MEDICALLY_RESPONSIBLE + "," + ADMIN;

    /** Who handles deviations (triage, tracks, notifications, actions, deadlines). */
    public static final String HANDLERS = "${kvalitet.roles.handlers:" + HANDLER_LIST + "}";

    /** Who reads deviations: the handlers, reporters (their own) and the case system. */
    public static final String READERS =
            "${kvalitet.roles.readers:" + HANDLER_LIST + "," + REPORTER + "," + CASE_SYSTEM + "}";

    private Roles() {}
}
