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

    private Roles() {}
}
