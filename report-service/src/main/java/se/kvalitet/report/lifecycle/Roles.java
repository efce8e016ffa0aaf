package se.kvalitet.report.lifecycle;

/** The realm roles report-service knows (deploy/keycloak/kvalitet-realm.json). */
public final class Roles {

    public static final String QUALITY_TEAM = "quality-team";
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";
    public static final String UNIT_MANAGER = "unit-manager";
    public static final String BI_READER = "bi-reader";
    public static final String MEDICALLY_RESPONSIBLE = "medically-responsible";

    private Roles() {}
}
