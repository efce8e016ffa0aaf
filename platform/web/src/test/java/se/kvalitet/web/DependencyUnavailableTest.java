package se.kvalitet.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database that does not answer (as a PostgreSQL paused with SIGSTOP: connections are accepted by
 * the kernel, nothing replies) makes the pool time out; the client gets a 503 problem with
 * Retry-After, while an ordinary failure stays a 500.
 */
@QuarkusTest
@TestProfile(DependencyUnavailableTest.FrozenDatabase.class)
class DependencyUnavailableTest {

    /** A listening socket that never accepts: the kernel completes the handshake, nobody answers. */
    public static class SilentServer implements QuarkusTestResourceLifecycleManager {
        private ServerSocket socket;

        @Override
        public Map<String, String> start() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/frozen?loginTimeout=3");
        }

        @Override
        public void stop() {
            try {
                socket.close();
            } catch (IOException e) {
                // the test is over
            }
        }
    }

    public static class FrozenDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.db-kind",
                    "postgresql",
                    "quarkus.datasource.username",
                    "postgres",
                    "quarkus.datasource.password",
                    "postgres",
                    "quarkus.datasource.jdbc.acquisition-timeout",
                    "1S",
                    "quarkus.datasource.jdbc.min-size",
                    "0",
                    "quarkus.datasource.jdbc.initial-size",
                    "0",
                    "kvalitet.web.retry-after",
                    "7");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SilentServer.class));
        }
    }

    @Path("/test/dependency")
    public static class DependencyResource {

        // looked up when called: the other tests of this module run without a datasource
        @Inject
        Instance<AgroalDataSource> dataSource;

        @GET
        @Path("/database")
        public String database() throws SQLException {
            try (Connection c = dataSource.get().getConnection()) {
                return "connected";
            }
        }

        @GET
        @Path("/wrapped")
        public String wrapped() {
            try {
                return database();
            } catch (SQLException e) {
                // as Hibernate and the transaction manager wrap it
                throw new IllegalStateException("Unable to acquire JDBC Connection", e);
            }
        }

        @GET
        @Path("/refused")
        public String refused() throws SQLException {
            throw new SQLException("Connection to 127.0.0.1:1 refused", "08001");
        }

        @GET
        @Path("/bug")
        public String bug() {
            throw new IllegalStateException("a bug");
        }

        @GET
        @Path("/constraint")
        public String constraint() throws SQLException {
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsA503WithRetryAfterHoweverTheFailureIsWrapped() {
        for (String path :
                List.of("/test/dependency/database", "/test/dependency/wrapped", "/test/dependency/refused")) {
            given().get(path)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "7")
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://kvalitet.se/problems/dependency-unavailable"))
                    .body("status", equalTo(503))
                    .body("detail", containsString("Retry after 7 s"))
                    .body("detail", containsString("Idempotency-Key"))
                    .body("correlationId", notNullValue());
        }
    }

    @Test
    void anOrdinaryFailureStaysAnInternalError() {
        given().get("/test/dependency/bug")
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kvalitet.se/problems/internal"))
                .header("Retry-After", (String) null);
        // a constraint the data broke is the caller's conflict (platform/web input rules), not an outage
        given().get("/test/dependency/constraint")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .header("Retry-After", (String) null);
    }

    @Test
    void theCauseIsFoundAnywhereInTheChain() {
        SQLException acquisition = new SQLException("Sorry, acquisition timeout!");
        assertThat(DependencyUnavailableMappers.dependencyFailure(
                        new RuntimeException(new IllegalStateException("tx", acquisition))))
                .contains(acquisition);
        assertThat(DependencyUnavailableMappers.dependencyFailure(new SQLException("shutting down", "57P01")))
                .isPresent();
        assertThat(DependencyUnavailableMappers.dependencyFailure(new SQLException("too many clients", "53300")))
                .isPresent();
        assertThat(DependencyUnavailableMappers.dependencyFailure(new java.sql.SQLTransientConnectionException("gone")))
                .isPresent();
        assertThat(DependencyUnavailableMappers.dependencyFailure(new SQLException("syntax", "42601")))
                .isEmpty();
        assertThat(DependencyUnavailableMappers.dependencyFailure(new IllegalArgumentException("x")))
                .isEmpty();
        DependencyUnavailableException registry =
                new DependencyUnavailableException("the process registry", new java.net.SocketTimeoutException());
        assertThat(DependencyUnavailableMappers.dependencyFailure(new IllegalStateException(registry)))
                .contains(registry);
    }
}
