package se.kvalitet.deviation.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.testing.EventContract;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.testing.TopicReader;

/** The demo year runs through the real services: every story completes its steps, cases spread over the year, events flow. */
@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demo;

    @Test
    void aYearOfInventedReportsIsReplayedThroughTheServices() {
        Instant now = Instant.now();
        long before = DeviationDb.count("SELECT count(*) FROM deviation WHERE reporter_subject LIKE 'demo-reporter-%'");
        assertThat(demo.seed(new Random(7), now, 60)).isEqualTo(60);
        String demoRows = "FROM deviation WHERE reporter_subject LIKE 'demo-reporter-%'";
        assertThat(DeviationDb.count("SELECT count(*) " + demoRows)).isEqualTo(before + 60);
        // spread over the year, across departments, most closed, the latest still in progress
        assertThat(DeviationDb.count("SELECT count(DISTINCT date_trunc('month', created_at)) " + demoRows))
                .isGreaterThanOrEqualTo(11);
        assertThat(DeviationDb.count("SELECT count(DISTINCT org_unit_id) " + demoRows))
                .isGreaterThanOrEqualTo(5);
        assertThat(DeviationDb.count("SELECT count(*) " + demoRows + " AND status = 'CLOSED'"))
                .isGreaterThan(30);
        assertThat(DeviationDb.count("SELECT count(*) " + demoRows + " AND status <> 'CLOSED'"))
                .isGreaterThan(0);
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation_track t JOIN deviation d ON d.id = t.deviation_id"
                        + " WHERE d.reporter_subject LIKE 'demo-reporter-%' AND t.category IN ('LEX_SARAH', 'LEX_MARIA', 'PERSONAL_DATA_BREACH',"
                        + " 'COMPLAINT')"))
                .isGreaterThan(10);
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation_action a JOIN deviation d ON d.id = a.deviation_id"
                        + " WHERE d.reporter_subject LIKE 'demo-reporter-%' AND a.status = 'DONE'"))
                .isGreaterThan(10);
        // no free text or personal data in what the demo published; reported events keep their time in the past
        try (TopicReader reader = TopicReader.open(Topics.DEVIATION)) {
            var reported = reader.await(r -> true, Integer.MAX_VALUE, Duration.ofSeconds(6)).stream()
                    .map(EventContract::assertValid)
                    .filter(e -> e.type().equals(DeviationReportedV1.TYPE))
                    .map(e -> EventCodec.data(e, DeviationReportedV1.class))
                    .filter(e -> e.reportedAt().isBefore(now.minus(Duration.ofDays(300))))
                    .toList();
            assertThat(reported).isNotEmpty();
        }
        // the quality team finds them by period
        given().header(
                        "Authorization",
                        TestTokens.user("karin").roles("quality-team").bearer())
                .get("/deviation/v1/deviations?reportedTo="
                        + java.time.LocalDate.now().minusMonths(6) + "&limit=1")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(20));
    }
}
