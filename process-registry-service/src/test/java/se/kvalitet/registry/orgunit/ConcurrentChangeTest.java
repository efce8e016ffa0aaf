package se.kvalitet.registry.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Writes that race on one record (found by the e2e fuzz: a merge and another change of the same unit at once gave a
 * 500): whoever loses gets a 409 {@code concurrent-change} problem with Retry-After, never a 500, and the unit is
 * left whole (one current version, the winner's).
 */
@QuarkusTest
class ConcurrentChangeTest {

    static final int ROUNDS = 6;

    /** The changes raced: a rename, a move, a merge into a sibling, a close, today (no effectiveFrom) and in March. */
    static final List<String[]> CHANGES = List.of(
            new String[] {"rename", "{\"name\":\"Samtidigt namn\"}"},
            new String[] {"rename", "{\"name\":\"Samtidigt namn mars\",\"effectiveFrom\":\"2025-03-01\"}"},
            new String[] {"move", "{\"parentId\":\"%sibling%\"}"},
            new String[] {"merge", "{\"intoId\":\"%sibling%\"}"},
            new String[] {"close", "{}"},
            new String[] {"merge", "{\"intoId\":\"%parent%\"}"});

    @Test
    void changesOfOneUnitAtOnceAreAnsweredWithoutA5xx() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CHANGES.size());
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String parent = OrgUnitResourceTest.create("Samtidig " + round, OrgUnitResourceTest.IFO, "2025-01-01");
                String unit = OrgUnitResourceTest.create("Samtidig grupp " + round, parent, "2025-01-01");
                String sibling = OrgUnitResourceTest.create("Samtidig syster " + round, parent, "2025-01-01");
                String token = OrgUnitResourceTest.karin();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (String[] change : CHANGES) {
                    String body = change[1].replace("%sibling%", sibling).replace("%parent%", parent);
                    answers.add(pool.submit(() -> {
                        start.await();
                        return given().header("Authorization", token)
                                .header("If-Match", "*")
                                .contentType(ContentType.JSON)
                                .body(body)
                                .post(OrgUnitResourceTest.PATH + "/" + unit + "/" + change[0]);
                    }));
                }
                start.countDown();
                for (Future<Response> f : answers) {
                    Response r = f.get();
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    if (r.statusCode() >= 500) {
                        failures.add(r.statusCode() + " " + r.asString());
                    } else if (r.statusCode() >= 400 && !r.contentType().startsWith("application/problem+json")) {
                        failures.add(r.statusCode() + " not a problem: " + r.asString());
                    } else if (r.statusCode() == 409
                            && r.path("type").toString().endsWith("/concurrent-change")
                            && r.header("Retry-After") == null) {
                        failures.add("concurrent-change without Retry-After: " + r.asString());
                    }
                }
                // whatever won, the unit is readable and has one current version
                Response now = given().header("Authorization", token).get(OrgUnitResourceTest.PATH + "/" + unit);
                assertThat(now.statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("[concurrent-change] statuses " + statuses);
        assertThat(failures).isEmpty();
        assertThat(statuses.get(200)).isNotNull();
    }
}
