package se.kvalitet.followup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static se.kvalitet.followup.Fixtures.karin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a request's free text never reaches a log line, not even when the database refuses
 * it (PostgreSQL's driver would quote the values; Hibernate would log the message).
 */
@QuarkusTest
class NoRequestTextInLogsTest {

    @Inject
    EntityManager em;

    final List<String> lines = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (String.valueOf(r.getLoggerName()).startsWith("io.zonky")) {
                return; // the test's embedded PostgreSQL server's own log, not the service's
            }
            StringBuilder b = new StringBuilder(r.getLoggerName() + ": " + r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    b.append(' ').append(p);
                }
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                b.append(' ').append(t);
            }
            synchronized (lines) {
                lines.add(b.toString());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    String logged() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Test
    void aValueTheDatabaseRefusesIsInNeitherTheDriversMessageNorTheLog() {
        String secret = "Hemlig-" + UUID.randomUUID();
        String insert =
                "INSERT INTO quality_criterion (code, name_sv, name_en, sort_order) VALUES (:code, 'x', 'x', 99)";
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(insert)
                        .setParameter("code", secret)
                        .executeUpdate());
        // a unique violation: PostgreSQL's Detail would read Key (code)=(Hemlig-...) already exists
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery(insert)
                                .setParameter("code", secret)
                                .executeUpdate()))
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage()))
                                .as(t.getClass().getName())
                                .doesNotContain(secret);
                    }
                });
        assertThat(logged()).doesNotContain(secret);
    }

    @Test
    void aBulkRowTooLongForItsColumnIsAProblemAndNotLogged() {
        Fixtures.Org org = Fixtures.org();
        String code = Fixtures.code("L");
        Fixtures.indicator(code, "PERCENT", "YEARLY", true, "[]", null);
        String secret = "Hemlig-" + UUID.randomUUID();
        String csv = "indicatorCode,orgUnitId,period,gender,value,source,comment\n"
                + code + "," + org.a1() + ",2021,T,50," + secret + "x".repeat(120) + ",kort\n"
                + code + "," + org.a1() + ",2022,T,50,ok," + secret + "\u0000\n";
        given().header("Authorization", karin())
                .contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/followup/v1/measurements/bulk")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body(not(containsString(secret)));
        assertThat(logged()).doesNotContain(secret);
    }
}
