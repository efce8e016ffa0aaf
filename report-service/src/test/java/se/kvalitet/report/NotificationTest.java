package se.kvalitet.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.PersonRef;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationDeadlineDueSoonV1;
import se.kvalitet.events.deviation.DeviationDeadlineOverdueV1;
import se.kvalitet.events.deviation.DeviationInvestigatorAssignedV1;
import se.kvalitet.events.followup.InternalControlOverdueV1;
import se.kvalitet.events.registry.DocumentReviewOverdueV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.report.ReportGeneratedV1;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.notification.DailyDigest;
import se.kvalitet.report.notification.NotificationSender;
import se.kvalitet.testing.TestTokens;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * Notifications to people end to end in the service's test boot: events from the real Kafka broker through
 * the inbox into the mail outbox, the sender to GreenMail's real SMTP server, read back over IMAP; people
 * registered through the preferences resource with signed tokens.
 */
@QuarkusTest
class NotificationTest {

    static final String PREFS = "/report/v1/notification-preferences/me";
    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    /** A deadline day {@code days} ahead of today (fixed future dates expire with the calendar). */
    static LocalDate ahead(int days) {
        return LocalDate.now(SWEDEN).plusDays(days);
    }

    /** 09:00 in Sweden on that day. */
    static Instant nineOn(LocalDate day) {
        return day.atTime(9, 0).atZone(SWEDEN).toInstant();
    }

    @Inject
    NotificationSender sender;

    @Inject
    DailyDigest digest;

    /** A root, a department under it and a unit under that, as the registry publishes them. */
    record Org(UUID root, UUID department, UUID unit) {}

    static Org org(String name) {
        Org o = new Org(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        LocalDate from = LocalDate.of(2020, 1, 1);
        Events.unit(o.root(), null, name + " nämnd", "BOARD", from);
        Events.unit(o.department(), o.root(), name + " äldreomsorg", "DEPARTMENT", from);
        Events.unit(o.unit(), o.department(), name + " hemtjänst norr", "UNIT", from);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("SELECT count(*) FROM orgcopy_version WHERE org_unit_id IN ('" + o.root() + "','"
                                + o.department() + "','" + o.unit() + "')")
                        == 3);
        return o;
    }

    static String token(String username, String email, String role, UUID unit) {
        TestTokens t = TestTokens.user(username).roles(role, "reporter").orgUnits(unit);
        if (email != null) {
            t.email(email);
        }
        return t.bearer();
    }

    static JsonPath save(String bearer, String delivery) {
        return given().header("Authorization", bearer)
                .contentType(ContentType.JSON)
                .body("{\"delivery\":\"" + delivery + "\"}")
                .put(PREFS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String person(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String mail(String username) {
        return username + "@kommun.test";
    }

    static List<Mailbox.Received> awaitMails(String address, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(address).size() >= count);
        return Mailbox.of(address);
    }

    static long mailRows(String username) {
        return Db.count("SELECT count(*) FROM notification_mail WHERE username = '" + username + "'");
    }

    @Test
    void theResponsiblePersonIsMailedOnceAboutADeadlineWithWhatByWhenAndALinkOnly() {
        Org o = org("Ett");
        String karin = person("karin");
        String erik = person("erik");
        save(token(karin, mail(karin), "quality-team", o.root()), "IMMEDIATE");
        save(token(erik, mail(erik), "unit-manager", o.unit()), "IMMEDIATE");

        UUID deviation = UUID.randomUUID();
        LocalDate dueDay = LocalDate.now(SWEDEN).plusDays(2);
        Instant due = dueDay.atTime(18, 0).atZone(SWEDEN).toInstant();
        EventEnvelope env = Events.send(new DeviationDeadlineDueSoonV1(
                deviation,
                UUID.randomUUID(),
                ClockKind.IMY_NOTIFICATION,
                UUID.randomUUID(),
                DeviationCategory.PERSONAL_DATA_BREACH,
                o.unit(),
                due.minus(72, ChronoUnit.HOURS),
                due,
                dueDay,
                Instant.now()));
        Events.send(env); // redelivered: no second mail

        List<Mailbox.Received> received = awaitMails(mail(karin), 1);
        assertThat(received).hasSize(1);
        Mailbox.Received m = received.get(0);
        assertThat(m.subject())
                .isEqualTo("Kvalitet: Personuppgiftsincident: anmälan till IMY inom 72 timmar (senast " + dueDay
                        + " kl. 18:00)");
        // the whole text: what, by when, the unit, the link and the fixed lines; nothing of the case itself
        assertThat(m.body().strip()).isEqualTo("""
                Hej!

                Personuppgiftsincident: anmälan till IMY inom 72 timmar.
                Ska vara klart senast: %s kl. 18:00.
                Enhet: Ett hemtjänst norr

                Öppna ärendet: https://intranet.kommun.test/avvikelser/%s

                Det här är ett automatiskt meddelande från Kvalitet. Det innehåller inga uppgifter om den som ärendet
                gäller; dem ser du när du öppnar ärendet. Svara inte på meddelandet.
                Ändra hur du får aviseringar (direkt, en gång om dagen eller inte alls): https://intranet.kommun.test/installningar/aviseringar""".formatted(dueDay, deviation));
        assertThat(PersonalIdentityNumbers.containsAny(m.body())).isFalse();
        assertThat(m.autoSubmitted()).isEqualTo("auto-generated");
        String messageId = Db.value("SELECT message_id FROM notification_mail WHERE username = '" + karin + "'");
        assertThat(m.messageId())
                .isEqualTo(messageId)
                .startsWith("<notification.")
                .endsWith("@kvalitet.local>");
        assertThat(Db.value("SELECT status FROM notification_mail WHERE username = '" + karin + "'"))
                .isEqualTo("SENT");
        assertThat(Db.count("SELECT count(*) FROM notification_item WHERE event_id = '" + env.id() + "'"))
                .isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM inbox_event WHERE consumer = 'notifications' AND event_id = '"
                        + env.id() + "'"))
                .isEqualTo(1);
        // a deadline that has not passed is not the unit manager's (no escalation before it has passed)
        assertThat(mailRows(erik)).isZero();
        assertThat(Mailbox.of(mail(karin))).hasSize(1);
    }

    @Test
    void aPassedDeadlineIsEscalatedToTheManagerOfTheUnitAbove() {
        Org o = org("Två");
        String karin = person("karin");
        String erik = person("erik");
        String chef = person("chef");
        save(token(karin, mail(karin), "quality-team", o.root()), "IMMEDIATE");
        save(token(erik, mail(erik), "unit-manager", o.unit()), "IMMEDIATE");
        save(token(chef, mail(chef), "unit-manager", o.department()), "IMMEDIATE");

        UUID deviation = UUID.randomUUID();
        Events.send(new DeviationDeadlineOverdueV1(
                deviation,
                UUID.randomUUID(),
                ClockKind.ACTION_DUE,
                UUID.randomUUID(),
                null,
                o.unit(),
                Instant.parse("2026-11-01T08:00:00Z"),
                Instant.parse("2026-11-30T23:00:00Z"),
                LocalDate.of(2026, 11, 30),
                Instant.now()));

        Mailbox.Received toErik = awaitMails(mail(erik), 1).get(0);
        Mailbox.Received toChef = awaitMails(mail(chef), 1).get(0);
        assertThat(toErik.subject()).isEqualTo("Kvalitet: En åtgärd ska vara genomförd (försenad, 2026-11-30)");
        assertThat(toErik.body()).contains("Tidsfristen gick ut: 2026-11-30.").doesNotContain("som chef");
        assertThat(toChef.subject())
                .isEqualTo("Kvalitet: Eskalering: En åtgärd ska vara genomförd (försenad, 2026-11-30)");
        assertThat(toChef.body())
                .startsWith(
                        "Hej!\n\nDu får det här som chef eftersom en tidsfrist har passerat för en enhet under dig.")
                .contains("Enhet: Två hemtjänst norr", "https://intranet.kommun.test/avvikelser/" + deviation);
        assertThat(Db.value("SELECT reason FROM notification_item WHERE username = '" + chef + "'"))
                .isEqualTo("ESCALATION");
        // an action is the unit's: the quality team is not told
        assertThat(mailRows(karin)).isZero();
    }

    @Test
    void aDailyDigestIsOneMailPerPersonAndDayWithTheMattersWaiting() {
        Org o = org("Tre");
        String karin = person("karin");
        String per = person("per");
        save(token(karin, mail(karin), "quality-team", o.root()), "DAILY_DIGEST");
        save(token(per, mail(per), "process-owner", o.department()), "DAILY_DIGEST");

        UUID report = UUID.randomUUID();
        UUID version = UUID.randomUUID();
        Events.send(new ReportGeneratedV1(
                report,
                version,
                2,
                ReportKind.PATIENTSAKERHETSBERATTELSE,
                2026,
                o.root(),
                "ab".repeat(32),
                12,
                Instant.now()));
        UUID document = UUID.randomUUID();
        Events.send(new DocumentReviewOverdueV1(
                document,
                DocumentType.ROUTINE,
                3,
                LocalDate.of(2026, 12, 1),
                o.department(),
                List.of(o.unit()),
                Instant.now()));
        UUID deviation = UUID.randomUUID();
        Events.send(new DeviationDeadlineDueSoonV1(
                deviation,
                UUID.randomUUID(),
                ClockKind.LEX_SARAH_INVESTIGATION,
                UUID.randomUUID(),
                DeviationCategory.LEX_SARAH,
                o.unit(),
                Instant.parse("2026-12-01T08:00:00Z"),
                nineOn(ahead(10)),
                ahead(10),
                Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("SELECT count(*) FROM notification_item WHERE mail_id IS NULL AND username IN ('"
                                + karin + "','" + per + "')")
                        == 3);
        assertThat(mailRows(karin)).isZero();

        LocalDate today = LocalDate.now(SWEDEN);
        assertThat(digest.build(today)).isGreaterThanOrEqualTo(2);
        assertThat(digest.build(today)).isZero();

        Mailbox.Received toKarin = awaitMails(mail(karin), 1).get(0);
        assertThat(toKarin.subject()).isEqualTo("Kvalitet: sammanfattning " + today + " (2 ärenden)");
        assertThat(toKarin.body())
                .contains(
                        "\n1. ",
                        "\n2. ",
                        "Patientsäkerhetsberättelsen 2026 (version 2) är klar för granskning och godkännande.",
                        "Ska vara klart senast: 2027-03-01.",
                        "https://intranet.kommun.test/rapporter/" + report + "/versioner/" + version,
                        "Lex Sarah: utredning och ställningstagande.",
                        "Ska vara klart senast: " + ahead(10) + ".",
                        "https://intranet.kommun.test/avvikelser/" + deviation);
        Mailbox.Received toPer = awaitMails(mail(per), 1).get(0);
        assertThat(toPer.subject()).isEqualTo("Kvalitet: sammanfattning " + today + " (1 ärende, 1 försenat)");
        assertThat(toPer.body())
                .contains(
                        "1. En rutin ska revideras.",
                        "Tidsfristen gick ut: 2026-12-01.",
                        "https://intranet.kommun.test/styrdokument/" + document);

        // a matter after today's digest waits for tomorrow's
        Events.send(new DeviationDeadlineOverdueV1(
                deviation,
                UUID.randomUUID(),
                ClockKind.LEX_SARAH_INVESTIGATION,
                UUID.randomUUID(),
                DeviationCategory.LEX_SARAH,
                o.unit(),
                Instant.parse("2026-12-01T08:00:00Z"),
                nineOn(ahead(10)),
                ahead(10),
                Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("SELECT count(*) FROM notification_item WHERE mail_id IS NULL AND username = '"
                                + karin + "'")
                        == 1);
        assertThat(digest.build(today)).isZero();
        assertThat(digest.build(today.plusDays(1))).isGreaterThanOrEqualTo(1);
        assertThat(awaitMails(mail(karin), 2)).hasSize(2);
        assertThat(Db.count("SELECT count(*) FROM notification_mail WHERE kind = 'DAILY_DIGEST' AND username = '"
                        + karin + "'"))
                .isEqualTo(2);
    }

    @Test
    void theAssignedInvestigatorAloneIsToldAndAnOverdueInternalControlGoesToTheManagersWithEscalation() {
        Org o = org("Fem");
        String ingrid = person("ingrid");
        String olle = person("olle");
        String karin = person("karin");
        String chef = person("chef");
        String direktor = person("direktor");
        // an investigator's token need not name the unit: the assignment grants the case
        save(token(ingrid, mail(ingrid), "investigator", UUID.randomUUID()), "IMMEDIATE");
        save(token(olle, mail(olle), "investigator", o.unit()), "IMMEDIATE");
        save(token(karin, mail(karin), "quality-team", o.root()), "IMMEDIATE");
        save(token(chef, mail(chef), "unit-manager", o.department()), "IMMEDIATE");
        save(token(direktor, mail(direktor), "unit-manager", o.root()), "IMMEDIATE");

        // the event names the investigator by the keyed pseudonym only, as deviation-service publishes it
        String key = ConfigProvider.getConfig().getValue("kvalitet.person-ref.key", String.class);
        UUID deviation = UUID.randomUUID();
        EventEnvelope assigned = Events.send(new DeviationInvestigatorAssignedV1(
                deviation,
                UUID.randomUUID(),
                DeviationCategory.LEX_SARAH,
                o.unit(),
                PersonRef.withKey(key).of(ingrid),
                nineOn(ahead(26)),
                Instant.now()));
        assertThat(new String(assigned.data(), StandardCharsets.UTF_8)).doesNotContain(ingrid);
        Events.send(assigned); // redelivered: no second mail

        Mailbox.Received m = awaitMails(mail(ingrid), 1).get(0);
        assertThat(m.subject())
                .isEqualTo("Kvalitet: Du har tilldelats en utredning: lex Sarah (senast " + ahead(26) + ")");
        assertThat(m.body().strip()).isEqualTo("""
                Hej!

                Du har tilldelats en utredning: lex Sarah.
                Ska vara klart senast: %s.
                Enhet: Fem hemtjänst norr

                Öppna ärendet: https://intranet.kommun.test/avvikelser/%s

                Det här är ett automatiskt meddelande från Kvalitet. Det innehåller inga uppgifter om den som ärendet
                gäller; dem ser du när du öppnar ärendet. Svara inte på meddelandet.
                Ändra hur du får aviseringar (direkt, en gång om dagen eller inte alls): https://intranet.kommun.test/installningar/aviseringar""".formatted(ahead(26), deviation));

        // a control of the department's internal control plan is overdue: its managers and the quality team above,
        // escalated to the managers of the level above them
        UUID plan = UUID.randomUUID();
        Events.send(new InternalControlOverdueV1(
                plan, UUID.randomUUID(), o.department(), 2026, LocalDate.of(2026, 11, 30)));
        Mailbox.Received toChef = awaitMails(mail(chef), 1).get(0);
        Mailbox.Received toKarin = awaitMails(mail(karin), 1).get(0);
        Mailbox.Received toDirektor = awaitMails(mail(direktor), 1).get(0);
        String what = "En kontroll i internkontrollplanen 2026 har inte genomförts i tid";
        assertThat(toChef.subject()).isEqualTo("Kvalitet: " + what + " (försenad, 2026-11-30)");
        assertThat(toChef.body())
                .contains(what + ".", "Tidsfristen gick ut: 2026-11-30.", "Enhet: Fem äldreomsorg")
                .contains("https://intranet.kommun.test/internkontroll/" + plan)
                .doesNotContain("som chef");
        assertThat(toKarin.subject()).isEqualTo(toChef.subject());
        assertThat(toDirektor.subject()).isEqualTo("Kvalitet: Eskalering: " + what + " (försenad, 2026-11-30)");

        // nobody else was told about either: not the other investigator, not the unit's people about the assignment
        assertThat(mailRows(olle)).isZero();
        assertThat(Db.count("SELECT count(*) FROM notification_item WHERE event_id = '" + assigned.id() + "'"))
                .isEqualTo(1);
        assertThat(Mailbox.of(mail(ingrid))).hasSize(1);
        assertThat(Mailbox.of(mail(karin))).hasSize(1);
    }

    @Test
    void aSenderThatDiesAfterClaimingLosesNothingAndNothingIsSentTwice() {
        Org o = org("Fyra");
        String karin = person("karin");
        save(token(karin, mail(karin), "quality-team", o.root()), "IMMEDIATE");
        sender.enabled(false);
        try {
            complaintAnswerDueSoon(o.unit(), 15);
            await().atMost(Duration.ofSeconds(30)).until(() -> mailRows(karin) == 1);
            String id = Db.value("SELECT id FROM notification_mail WHERE username = '" + karin + "'");

            // replica A claims the mail and dies before it reaches the SMTP server
            assertThat(sender.claim("replica-a"))
                    .anySatisfy(c -> assertThat(c.id().toString()).isEqualTo(id));
            // replica B runs while A's lease holds: it leaves the mail alone
            sender.send("replica-b");
            assertThat(Db.value("SELECT status || ' ' || lease_owner FROM notification_mail WHERE id = '" + id + "'"))
                    .isEqualTo("PENDING replica-a");
            assertThat(Mailbox.of(mail(karin))).isEmpty();

            // A's lease runs out: B sends it, once
            Db.update("UPDATE notification_mail SET lease_until = now() - interval '1 second' WHERE id = '" + id + "'");
            assertThat(sender.send("replica-b")).isGreaterThanOrEqualTo(1);
            assertThat(Db.value("SELECT status FROM notification_mail WHERE id = '" + id + "'"))
                    .isEqualTo("SENT");
            assertThat(sender.send("replica-b")).isZero();
            assertThat(awaitMails(mail(karin), 1)).hasSize(1);
            assertThat(Db.value("SELECT attempts FROM notification_mail WHERE id = '" + id + "'"))
                    .isEqualTo("2");

            // replica C claims the next mail and is killed; started again under the same name it takes its own lease
            // back at once (the start-up of NotificationSender), not another replica's, and sends the mail once
            complaintAnswerDueSoon(o.unit(), 16);
            await().atMost(Duration.ofSeconds(30)).until(() -> mailRows(karin) == 2);
            String next = Db.value(
                    "SELECT id FROM notification_mail WHERE username = '" + karin + "' AND status = 'PENDING'");
            assertThat(sender.claim("replica-c"))
                    .anySatisfy(c -> assertThat(c.id().toString()).isEqualTo(next));
            assertThat(sender.releaseOwn("replica-b")).isZero();
            assertThat(sender.send("replica-b")).isZero();
            assertThat(sender.releaseOwn("replica-c")).isEqualTo(1);
            assertThat(sender.send("replica-c")).isEqualTo(1);
            assertThat(Db.value("SELECT status || ' ' || attempts FROM notification_mail WHERE id = '" + next + "'"))
                    .isEqualTo("SENT 2");
            assertThat(awaitMails(mail(karin), 2)).hasSize(2);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            sender.enabled(true);
        }
    }

    /** A complaint's answer in {@code unit} due {@code days} days from today: one immediate mail to the quality team. */
    static void complaintAnswerDueSoon(UUID unit, int days) {
        Events.send(new DeviationDeadlineDueSoonV1(
                UUID.randomUUID(),
                UUID.randomUUID(),
                ClockKind.COMPLAINT_ANSWER,
                UUID.randomUUID(),
                DeviationCategory.COMPLAINT,
                unit,
                Instant.parse("2026-12-01T08:00:00Z"),
                nineOn(ahead(days)),
                ahead(days),
                Instant.now()));
    }

    @Test
    void preferencesAreTheLoggedInPersonsOwnAndBadInputIsAProblem() {
        UUID unit = UUID.randomUUID();
        String anna = person("anna");
        String bearer = token(anna, mail(anna), "unit-manager", unit);

        given().header("Authorization", bearer)
                .get(PREFS)
                .then()
                .statusCode(200)
                .body("username", equalTo(anna))
                .body("email", equalTo(mail(anna)))
                .body("delivery", equalTo("OFF"))
                .body("saved", equalTo(false))
                .body("notifiedRoles", equalTo(List.of("unit-manager")));

        JsonPath saved = save(bearer, "DAILY_DIGEST");
        assertThat(saved.getString("delivery")).isEqualTo("DAILY_DIGEST");
        assertThat(saved.getBoolean("saved")).isTrue();
        assertThat(saved.getList("orgUnitIds")).containsExactly(unit.toString());
        assertThat(Db.value("SELECT delivery || ' ' || email || ' ' || array_to_string(roles, ',') || ' ' "
                        + "|| array_to_string(org_unit_ids, ',') FROM notification_recipient WHERE username = '" + anna
                        + "'"))
                .isEqualTo("DAILY_DIGEST " + mail(anna) + " unit-manager " + unit);
        given().header("Authorization", bearer)
                .get(PREFS)
                .then()
                .statusCode(200)
                .body("delivery", equalTo("DAILY_DIGEST"))
                .body("saved", equalTo(true));

        for (String body :
                List.of("{\"delivery\":\"WEEKLY\"}", "{}", "{\"delivery\":\"OFF\",\"email\":\"x@y.se\"}", "[")) {
            given().header("Authorization", bearer)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .put(PREFS)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        // no address on the account: mail cannot be asked for, OFF can
        String noMail = token(person("nomail"), null, "quality-team", unit);
        given().header("Authorization", noMail)
                .contentType(ContentType.JSON)
                .body("{\"delivery\":\"IMMEDIATE\"}")
                .put(PREFS)
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        save(noMail, "OFF");
        // an address that would be a header injection is no address
        given().header("Authorization", token(person("evil"), "a@b.se\r\nBcc: c@d.se", "quality-team", unit))
                .contentType(ContentType.JSON)
                .body("{\"delivery\":\"IMMEDIATE\"}")
                .put(PREFS)
                .then()
                .statusCode(422);
        // machine clients have no preferences; anonymous callers are refused
        given().header(
                        "Authorization",
                        TestTokens.client("case-system").roles("case-system").bearer())
                .get(PREFS)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().get(PREFS).then().statusCode(401);
        assertThat(Db.value("SELECT delivery FROM notification_recipient WHERE username = '" + anna + "'"))
                .isEqualTo("DAILY_DIGEST");
    }
}
