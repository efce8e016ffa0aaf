package se.kvalitet.registry.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.ELDERLY;
import static se.kvalitet.registry.Api.HEMTJANST_NORR;
import static se.kvalitet.registry.Api.anna;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.etag;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.DocumentReviewDueV1;
import se.kvalitet.events.registry.DocumentReviewOverdueV1;
import se.kvalitet.events.registry.DocumentReviewedV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.registry.Api;
import se.kvalitet.testing.TestClock;
import se.kvalitet.testing.TopicReader;

/** Review intervals, the due and overdue lists, and one event per document and state from the scheduler (injected clock). */
@QuarkusTest
class ReviewTest {

    @Inject
    ReviewScheduler scheduler;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm"));
    }

    static String guideline(LocalDate reviewOn) {
        String id = post(
                        karin(),
                        DOCS,
                        body(
                                "type",
                                "GUIDELINE",
                                "title",
                                Api.unique("Riktlinje för hemtjänst"),
                                "content",
                                "Riktlinjen anger ramarna.",
                                "ownerOrgUnitId",
                                ELDERLY,
                                "orgUnitIds",
                                List.of(HEMTJANST_NORR),
                                "reviewInterval",
                                "YEARLY"),
                        null)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(karin(), DOCS + "/" + id + "/submit", "{}", etag(id)).then().statusCode(200);
        post(
                        karin(),
                        DOCS + "/" + id + "/approve",
                        body(
                                "decidedBy",
                                "BOARD",
                                "decidedOn",
                                today().toString(),
                                "nextReviewDate",
                                reviewOn.toString()),
                        etag(id))
                .then()
                .statusCode(200)
                .body("nextReviewDate", equalTo(reviewOn.toString()));
        return id;
    }

    @Test
    void aReviewBecomesDueThenOverdueOnceEachAndAConfirmedReviewStartsANewCycle() {
        LocalDate reviewOn = today().plusDays(10);
        String g = guideline(reviewOn);
        String later = guideline(today().plusDays(200));

        scheduler.check();
        assertThat(scheduler.notices(java.util.UUID.fromString(g))).isEqualTo(Map.of("DUE", 1));
        assertThat(scheduler.notices(java.util.UUID.fromString(later))).isEmpty();
        scheduler.check();
        assertThat(scheduler.notices(java.util.UUID.fromString(g)))
                .as("once per document and state")
                .isEqualTo(Map.of("DUE", 1));
        given().header("Authorization", anna())
                .queryParams("state", "DUE", "limit", 500)
                .get("/registry/v1/reviews")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(g))
                .body("items.id", not(hasItem(later)));
        given().header("Authorization", anna())
                .queryParams("state", "OVERDUE", "limit", 500)
                .get("/registry/v1/reviews")
                .then()
                .body("items.id", not(hasItem(g)));

        // eleven days later the review date has passed
        clock.shift(Duration.ofDays(11));
        scheduler.check();
        scheduler.check();
        assertThat(scheduler.notices(java.util.UUID.fromString(g))).isEqualTo(Map.of("DUE", 1, "OVERDUE", 1));
        given().header("Authorization", anna())
                .queryParams("state", "OVERDUE", "limit", 500, "unit", HEMTJANST_NORR)
                .get("/registry/v1/reviews")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(g))
                .body("items.find { it.id == '" + g + "' }.nextReviewDate", equalTo(reviewOn.toString()));
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            DocumentReviewDueV1 due = Api.event(reader, g, DocumentReviewDueV1.class, 1);
            assertThat(due.nextReviewDate()).isEqualTo(reviewOn);
            assertThat(due.documentType()).isEqualTo(DocumentType.GUIDELINE);
            assertThat(due.orgUnitIds()).extracting(Object::toString).containsExactly(HEMTJANST_NORR);
            DocumentReviewOverdueV1 overdue = Api.event(reader, g, DocumentReviewOverdueV1.class, 1);
            assertThat(overdue.nextReviewDate()).isEqualTo(reviewOn);
            assertThat(overdue.version()).isEqualTo(1);
        }

        // the owner reviews it: still current, next review in a year; it leaves the lists
        LocalDate reviewed = today().plusDays(11);
        post(karin(), DOCS + "/" + g + "/reviews", body("reviewedOn", reviewed.toString()), etag(g))
                .then()
                .statusCode(200)
                .body("nextReviewDate", equalTo(reviewed.plusYears(1).toString()))
                .body("lastReviewedOn", equalTo(reviewed.toString()))
                .body("version", equalTo(1));
        given().header("Authorization", anna())
                .queryParams("limit", 500)
                .get("/registry/v1/reviews")
                .then()
                .body("items.id", not(hasItem(g)));
        try (TopicReader reader = TopicReader.open(Topics.REGISTRY)) {
            DocumentReviewedV1 r = Api.event(reader, g, DocumentReviewedV1.class, 1);
            assertThat(r.previousReviewDate()).isEqualTo(reviewOn);
            assertThat(r.nextReviewDate()).isEqualTo(reviewed.plusYears(1));
        }
        // a year later a new cycle: due again, for the new date
        clock.shift(Duration.ofDays(11 + 350));
        scheduler.check();
        assertThat(scheduler.notices(java.util.UUID.fromString(g))).isEqualTo(Map.of("DUE", 2, "OVERDUE", 1));
    }

    /**
     * Issue 16 item 3: the lists as of a day, from the version's validity and the review history, on both sides of
     * the review date, of the confirmed review and of the next review date.
     */
    @Test
    void theListsAnswerAsOfAnyDayFromTheReviewHistory() {
        LocalDate valid = today();
        LocalDate review = valid.plusDays(10);
        String g = guideline(review);
        clock.shift(Duration.ofDays(15));
        LocalDate reviewed = review.plusDays(4);
        LocalDate next = reviewed.plusYears(1);
        post(karin(), DOCS + "/" + g + "/reviews", body("reviewedOn", reviewed.toString()), etag(g))
                .then()
                .statusCode(200)
                .body("nextReviewDate", equalTo(next.toString()));
        // day -> [in DUE, in OVERDUE, review date shown]
        Object[][] days = {
            {valid.minusDays(1), false, false, null}, // not yet in force
            {review.minusDays(1), true, false, review},
            {review, true, false, review}, // the review date itself is not overdue
            {review.plusDays(1), false, true, review},
            {reviewed.minusDays(1), false, true, review},
            {reviewed, false, false, null}, // reviewed that day: the next date is a year away
            {next.minusDays(31), false, false, null},
            {next.minusDays(30), true, false, next},
            {next, true, false, next},
            {next.plusDays(1), false, true, next}
        };
        for (Object[] day : days) {
            for (String state : List.of("DUE", "OVERDUE")) {
                boolean expected = (Boolean) day["DUE".equals(state) ? 1 : 2];
                var list = given().header("Authorization", anna())
                        .queryParams("state", state, "limit", 500, "asOf", day[0].toString())
                        .get("/registry/v1/reviews")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(list.getList("items.id", String.class).contains(g))
                        .as("%s on %s", state, day[0])
                        .isEqualTo(expected);
                if (expected) {
                    assertThat(list.getString("items.find { it.id == '" + g + "' }.nextReviewDate"))
                            .isEqualTo(day[3].toString());
                }
            }
        }
        given().header("Authorization", anna())
                .queryParams("limit", 500, "asOf", review.plusDays(1).toString(), "unit", HEMTJANST_NORR)
                .get("/registry/v1/reviews")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(g));
        given().header("Authorization", anna())
                .queryParams("asOf", "2026-02-30")
                .get("/registry/v1/reviews")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void reviewInputIsChecked() {
        String g = guideline(today().plusDays(100));
        post(
                        karin(),
                        DOCS + "/" + g + "/reviews",
                        body("reviewedOn", today().plusDays(1).toString()),
                        etag(g))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reviewedOn"));
        post(
                        karin(),
                        DOCS + "/" + g + "/reviews",
                        body("reviewedOn", today().toString(), "nextReviewDate", today().toString()),
                        etag(g))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("nextReviewDate"));
        post(karin(), DOCS + "/" + g + "/reviews", "{}", etag(g))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reviewedOn"));
        post(anna(), DOCS + "/" + g + "/reviews", body("reviewedOn", today().toString()), etag(g))
                .then()
                .statusCode(403);
        given().header("Authorization", anna())
                .queryParam("state", "LATE")
                .get("/registry/v1/reviews")
                .then()
                .statusCode(400);
        given().header("Authorization", anna())
                .get(DOCS + "/" + g)
                .then()
                .body("nextReviewDate", equalTo(today().plusDays(100).toString()));
    }
}
