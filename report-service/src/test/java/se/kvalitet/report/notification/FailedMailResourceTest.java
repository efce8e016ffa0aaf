package se.kvalitet.report.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import se.kvalitet.report.Mailbox;
import se.kvalitet.report.notification.KeycloakDirectory.Person;
import se.kvalitet.testing.TestTokens;

/**
 * The failed mails through the API: listed for the quality team and administrators without the address, sent again
 * to the person's current address through the real SMTP server (GreenMail) of the test boot, problems for the rest.
 */
@QuarkusTest
class FailedMailResourceTest {

    static final String FAILED = "/report/v1/notifications/failed";

    @Inject
    DataSource dataSource;

    @Inject
    DirectorySync sync;

    static String bearer(String role) {
        return TestTokens.user(role + "-" + UUID.randomUUID().toString().substring(0, 6))
                .roles(role)
                .orgUnits(UUID.randomUUID())
                .bearer();
    }

    UUID failedMail(String username, String address) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO notification_mail (id, message_id, username, email, kind, subject, body, status,
                                                       attempts, next_attempt_at, last_error, created_at)
                        VALUES (?, ?, ?, ?, 'IMMEDIATE', 'Kvalitet: En rutin ska revideras (senast 2026-12-31)',
                                'En rutin ska revideras.', 'FAILED', 10, now(), 'io.quarkus.mailer.MailerException',
                                now())""")) {
            ps.setObject(1, id);
            ps.setString(2, "<notification." + id + "@kvalitet.test>");
            ps.setString(3, username);
            ps.setString(4, address);
            ps.executeUpdate();
        }
        return id;
    }

    String status(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status FROM notification_mail WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void theQualityTeamSeesFailedMailsWithoutAddressesAndSendsOneAgainToTheCurrentAddress() throws Exception {
        String per = "per-" + UUID.randomUUID().toString().substring(0, 8);
        UUID unit = UUID.randomUUID();
        // the mail went to an address that bounced; the directory has the corrected one since
        UUID mail = failedMail(per, per + "@wrong.kommun.test");
        sync.merge(List.of(new Person(per, per + "@kommun.test", true, Set.of("process-owner"), Set.of(unit))));

        JsonPath page = given().header("Authorization", bearer("quality-team"))
                .queryParam("limit", 500)
                .get(FAILED)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        Map<String, Object> item = items.stream()
                .filter(i -> mail.toString().equals(i.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat(item)
                .containsEntry("username", per)
                .containsEntry("kind", "IMMEDIATE")
                .containsEntry("subject", "Kvalitet: En rutin ska revideras (senast 2026-12-31)")
                .containsEntry("attempts", 10)
                .containsEntry("lastError", "io.quarkus.mailer.MailerException")
                .containsEntry("recipientListed", true)
                .containsEntry("addressChanged", true)
                .doesNotContainKey("email");
        assertThat(page.getString("")).doesNotContain("@wrong.kommun.test").doesNotContain(per + "@kommun.test");
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(1);

        given().header("Authorization", bearer("admin"))
                .post(FAILED + "/" + mail + "/retry")
                .then()
                .statusCode(200)
                .body("id", equalTo(mail.toString()))
                .body("status", equalTo("PENDING"));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> Mailbox.of(per + "@kommun.test").size() == 1);
        assertThat(Mailbox.of(per + "@kommun.test").get(0).subject())
                .isEqualTo("Kvalitet: En rutin ska revideras (senast 2026-12-31)");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(status(mail)));
        assertThat(Mailbox.of(per + "@wrong.kommun.test")).isEmpty();

        // sent now: not failed any more
        given().header("Authorization", bearer("quality-team"))
                .post(FAILED + "/" + mail + "/retry")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("notification-mail-not-failed"));
    }

    @Test
    void aMailWhosePersonIsNoLongerARecipientIsNotSentAgain() throws Exception {
        UUID mail = failedMail("gone-" + UUID.randomUUID().toString().substring(0, 8), "gone@kommun.test");
        given().header("Authorization", bearer("quality-team"))
                .post(FAILED + "/" + mail + "/retry")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("notification-recipient-gone"));
        assertThat(status(mail)).isEqualTo("FAILED");
    }

    @Test
    void theOpenApiDocumentHasBothOperationsAndNotTheKeycloakClientsCalls() {
        String doc = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(doc)
                .contains("\"/report/v1/notifications/failed\"", "\"/report/v1/notifications/failed/{id}/retry\"")
                .contains("FailedNotificationMail", "RetriedNotificationMail")
                .doesNotContain("/admin/realms/", "openid-connect/token");
    }

    @Test
    void problemsForUnknownMailsBadPagingAndCallersWithoutTheRole() {
        given().header("Authorization", bearer("quality-team"))
                .post(FAILED + "/" + UUID.randomUUID() + "/retry")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", bearer("quality-team"))
                .queryParam("limit", 0)
                .get(FAILED)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", bearer("quality-team"))
                .queryParam("colour", "red")
                .get(FAILED)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        for (String role : List.of("unit-manager", "reporter", "viewer", "process-owner")) {
            given().header("Authorization", bearer(role)).get(FAILED).then().statusCode(403);
            given().header("Authorization", bearer(role))
                    .post(FAILED + "/" + UUID.randomUUID() + "/retry")
                    .then()
                    .statusCode(403);
        }
        given().header(
                        "Authorization",
                        TestTokens.client("bi-reader").roles("bi-reader").bearer())
                .get(FAILED)
                .then()
                .statusCode(403);
        given().get(FAILED).then().statusCode(401);
    }
}
