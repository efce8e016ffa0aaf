package se.kvalitet.localstack;

import java.util.Optional;

/** The suite's runnable applications, in start order: the four domain services, then the gateway. */
public enum Service {
    DEVIATION("deviation-service", "deviation", 8081, "DEVIATION"),
    REGISTRY("process-registry-service", "registry", 8082, "REGISTRY"),
    FOLLOWUP("followup-service", "followup", 8083, "FOLLOWUP"),
    REPORT("report-service", "report", 8084, "REPORT"),
    GATEWAY("gateway", null, 8080, null);

    private final String module;
    private final String database;
    private final int defaultPort;
    private final String routeKey;

    Service(String module, String database, int defaultPort, String routeKey) {
        this.module = module;
        this.database = database;
        this.defaultPort = defaultPort;
        this.routeKey = routeKey;
    }

    /** Maven module directory (relative to the repository root) and name of the log file. */
    public String module() {
        return module;
    }

    /** The PostgreSQL database the service owns; empty for the gateway. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Environment variable through which the gateway learns this service's base URL; empty for the gateway. */
    public Optional<String> gatewayRouteVariable() {
        return Optional.ofNullable(routeKey).map(k -> "KVALITET_GATEWAY_ROUTES_" + k + "_URL");
    }

    public boolean isGateway() {
        return this == GATEWAY;
    }
}
