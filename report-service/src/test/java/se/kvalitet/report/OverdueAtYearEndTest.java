package se.kvalitet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.kvalitet.events.followup.InitiativeCompletedV1;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.DocumentReviewOverdueV1;
import se.kvalitet.events.registry.DocumentReviewedV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.DocumentWithdrawnV1;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.WithdrawalReason;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.query.ReadModelQueries;

/**
 * Issue 16 item 3: a past year's kvalitetsberättelse counts the quality initiatives and document reviews that were
 * overdue at the end of that year (31 December), not on the day it is generated; the current year's counts as of the
 * day of the generation. Deadlines and review dates on the day before, of and after the year end; closings,
 * reviews, a newer version and a withdrawal before, on and after it. Reads the report's read-model queries (what the
 * chapters print) without rendering a document.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverdueAtYearEndTest {

    static final UUID ROOT = UUID.randomUUID();
    static final UUID UNIT = UUID.randomUUID();
    static final LocalDate IN_2026 = LocalDate.of(2026, 12, 5);

    @Inject
    ReadModelQueries queries;

    final UUID lateClosedInJanuary = UUID.randomUUID();
    final UUID dueOnNewYearsEve = UUID.randomUUID();
    final UUID dueOnNewYearsDay = UUID.randomUUID();
    final UUID closedOnNewYearsEve = UUID.randomUUID();
    final UUID stillOpen = UUID.randomUUID();
    final UUID overdueIn2026 = UUID.randomUUID();

    final UUID reviewedInJanuary = UUID.randomUUID();
    final UUID reviewDueOnNewYearsEve = UUID.randomUUID();
    final UUID reviewDueOnNewYearsDay = UUID.randomUUID();
    final UUID replacedOnNewYearsEve = UUID.randomUUID();
    final UUID cooperationWithdrawnLater = UUID.randomUUID();
    final UUID reviewedOnNewYearsEve = UUID.randomUUID();
    final UUID reviewOverdueIn2026 = UUID.randomUUID();

    @BeforeAll
    void history() {
        LocalDate start = LocalDate.of(2020, 1, 1);
        Events.unit(ROOT, null, "Socialnämnden årsskifte", "BOARD", start);
        Events.unit(UNIT, ROOT, "Hemtjänst årsskifte", "UNIT", start);

        // initiatives of 2025 (deadline in the year) and one of 2026
        overdue(lateClosedInJanuary, day(2025, 12, 30));
        Events.send(completed(lateClosedInJanuary, day(2025, 12, 30), day(2026, 1, 10)));
        overdue(dueOnNewYearsEve, day(2025, 12, 31));
        overdue(dueOnNewYearsDay, day(2026, 1, 1));
        Events.send(completed(closedOnNewYearsEve, day(2025, 12, 30), day(2025, 12, 31)));
        overdue(stillOpen, day(2025, 12, 29));
        overdue(overdueIn2026, day(2026, 3, 1));

        // documents: review dates around the end of 2025
        approved(reviewedInJanuary, DocumentType.ROUTINE, 1, day(2024, 1, 1), day(2025, 12, 30));
        Events.send(reviewed(reviewedInJanuary, day(2026, 1, 15), day(2025, 12, 30), day(2027, 1, 15)));
        approved(reviewDueOnNewYearsEve, DocumentType.ROUTINE, 1, day(2024, 1, 1), day(2025, 12, 31));
        Events.send(reviewOverdue(reviewDueOnNewYearsEve, day(2025, 12, 31)));
        Events.send(reviewed(reviewDueOnNewYearsEve, day(2026, 1, 2), day(2025, 12, 31), day(2027, 1, 2)));
        approved(reviewDueOnNewYearsDay, DocumentType.PROCESS, 1, day(2024, 1, 1), day(2026, 1, 1));
        Events.send(reviewed(reviewDueOnNewYearsDay, day(2026, 1, 1), day(2026, 1, 1), day(2027, 1, 1)));
        approved(replacedOnNewYearsEve, DocumentType.ROUTINE, 1, day(2024, 1, 1), day(2025, 12, 30));
        approved(replacedOnNewYearsEve, DocumentType.ROUTINE, 2, day(2025, 12, 31), day(2027, 12, 31));
        approved(cooperationWithdrawnLater, DocumentType.COOPERATION_AGREEMENT, 1, day(2024, 1, 1), day(2025, 6, 1));
        Events.send(new DocumentWithdrawnV1(
                cooperationWithdrawnLater,
                DocumentType.COOPERATION_AGREEMENT,
                1,
                UUID.randomUUID(),
                WithdrawalReason.OBSOLETE,
                null,
                day(2026, 2, 1),
                List.of(UNIT),
                Instant.now()));
        approved(reviewedOnNewYearsEve, DocumentType.ROUTINE, 1, day(2024, 1, 1), day(2025, 10, 1));
        Events.send(reviewed(reviewedOnNewYearsEve, day(2025, 12, 31), day(2025, 10, 1), day(2026, 12, 31)));
        approved(reviewOverdueIn2026, DocumentType.ROUTINE, 1, day(2025, 6, 1), day(2026, 6, 1));
        Events.send(reviewOverdue(reviewOverdueIn2026, day(2026, 6, 1)));

        String initiatives = ids(lateClosedInJanuary, closedOnNewYearsEve);
        String documents = ids(
                reviewedInJanuary,
                reviewDueOnNewYearsEve,
                reviewDueOnNewYearsDay,
                replacedOnNewYearsEve,
                cooperationWithdrawnLater,
                reviewedOnNewYearsEve);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("SELECT count(*) FROM orgcopy_version WHERE org_unit_id = '" + UNIT + "'") == 1
                        && Db.count("SELECT count(*) FROM followup_initiative WHERE org_unit_id = '" + UNIT + "'") == 6
                        && Db.count("SELECT count(*) FROM followup_initiative WHERE closed_on IS NOT NULL"
                                        + " AND initiative_id IN (" + initiatives + ")")
                                == 2
                        && Db.count("SELECT count(*) FROM registry_document_review WHERE cleared_on IS NOT NULL"
                                        + " AND document_id IN (" + documents + ")")
                                == 6
                        && Db.count("SELECT count(*) FROM registry_document WHERE review_overdue AND document_id = '"
                                        + reviewOverdueIn2026 + "'")
                                == 1);
    }

    @Test
    void aPastYearCountsTheInitiativesOverdueOnItsThirtyFirstOfDecember() {
        ReadModels.Initiatives y2025 = queries.open(ROOT, 2025, IN_2026).initiatives();
        // overdue on 31 December 2025: deadline 30 Dec closed 10 Jan, deadline 29 Dec still open; not: the deadline of
        // 31 Dec (its last day), of 1 Jan (2026's), and deadline 30 Dec closed on 31 Dec (closed by the day)
        assertThat(y2025.overdue()).isEqualTo(2);
        assertThat(y2025.done()).isEqualTo(1); // closed on 31 Dec 2025; the one closed in January counts in 2026

        // generated on the day after the year end: the same answer as any later day
        assertThat(queries.open(ROOT, 2025, day(2026, 1, 1)).initiatives().overdue())
                .isEqualTo(2);
    }

    @Test
    void theCurrentYearCountsTheInitiativesOverdueOnTheDayOfTheGeneration() {
        // 2026 generated in 2026: overdue now (followup-service's overdue notice, not closed): the deadlines of
        // 1 Jan and 1 Mar 2026; 31 Dec 2025 belongs to 2025
        assertThat(queries.open(ROOT, 2026, IN_2026).initiatives().overdue()).isEqualTo(2);
    }

    @Test
    void aPastYearCountsTheReviewsOverdueOnItsThirtyFirstOfDecember() {
        ReadModels.Documents y2025 = queries.open(ROOT, 2025, IN_2026).documents();
        // overdue on 31 December 2025: review date 30 Dec reviewed 15 Jan; the cooperation agreement due 1 Jun and
        // withdrawn 1 Feb 2026. Not: due 31 Dec (its day), due 1 Jan, replaced by a version in force from 31 Dec,
        // reviewed on 31 Dec, due 1 Jun 2026
        assertThat(y2025.reviewOverdue()).isEqualTo(2);
        assertThat(y2025.cooperationReviewOverdue()).isEqualTo(1);
        assertThat(queries.open(ROOT, 2025, day(2026, 1, 1)).documents().reviewOverdue())
                .isEqualTo(2);
    }

    @Test
    void theCurrentYearCountsTheReviewsOverdueOnTheDayOfTheGeneration() {
        ReadModels.Documents y2026 = queries.open(ROOT, 2026, IN_2026).documents();
        assertThat(y2026.reviewOverdue()).isEqualTo(1); // due 1 Jun 2026, overdue notice, not reviewed
        assertThat(y2026.cooperationReviewOverdue()).isZero(); // the agreement is withdrawn
    }

    static LocalDate day(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    static String ids(UUID... ids) {
        return Stream.of(ids).map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }

    static void overdue(UUID id, LocalDate deadline) {
        Events.send(new InitiativeOverdueV1(id, UNIT, "OTHER", deadline));
    }

    static InitiativeCompletedV1 completed(UUID id, LocalDate deadline, LocalDate closedOn) {
        return new InitiativeCompletedV1(id, UNIT, "DONE", "OTHER", deadline, closedOn, !closedOn.isAfter(deadline));
    }

    static void approved(UUID id, DocumentType type, int version, LocalDate validFrom, LocalDate nextReview) {
        Events.send(new DocumentApprovedV1(
                id,
                type,
                version,
                UUID.randomUUID(),
                null,
                null,
                null,
                null,
                List.of(),
                UNIT,
                List.of(UNIT),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                DecisionBody.DEPARTMENT_HEAD,
                validFrom,
                validFrom,
                ReviewInterval.YEARLY,
                null,
                nextReview,
                version == 1 ? null : version - 1,
                Instant.now()));
    }

    static DocumentReviewedV1 reviewed(UUID id, LocalDate on, LocalDate previous, LocalDate next) {
        return new DocumentReviewedV1(id, DocumentType.ROUTINE, 1, on, previous, next, Instant.now());
    }

    static DocumentReviewOverdueV1 reviewOverdue(UUID id, LocalDate reviewDate) {
        return new DocumentReviewOverdueV1(id, DocumentType.ROUTINE, 1, reviewDate, UNIT, List.of(UNIT), Instant.now());
    }
}
