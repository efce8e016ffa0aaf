package se.kvalitet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts one real PostgreSQL server per test JVM and a database named by the {@code database}
 * init arg (default {@code app}); points the default datasource at it. Register with
 * {@code @WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer server;
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = PostgresServer.start(0, null, true);
        }
        server.createDatabase(database);
        System.setProperty("kvalitet.test.jdbc-url", server.jdbcUrl(database));
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
