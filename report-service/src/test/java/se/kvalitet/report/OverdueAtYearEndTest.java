package se.kvalitet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.kvalitet.events.followup.EgenkontrollExecutedV1;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
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

    final UUID plan = UUID.randomUUID();
    final UUID controlExecutedInJanuary = UUID.randomUUID();
    final UUID controlExecutedLateInDecember = UUID.randomUUID();
    final UUID controlOnTimeOnNewYearsEve = UUID.randomUUID();
    final UUID controlNeverExecuted = UUID.randomUUID();
    final UUID controlOf2026 = UUID.randomUUID();

    final UUID reviewedInJanuary = UUID.randomUUID();
    final UUID reviewDueOnNewYearsEve = UUID.randomUUID();
    final UUID reviewDueOnNewYearsDay = UUID.randomUUID();
    final UUID replacedOnNewYearsEve = UUID.randomUUID();
    final UUID cooperationWithdrawnLater = UUID.randomUUID();
    final UUID reviewedOnNewYearsEve = UUID.randomUUID();
    final UUID reviewOverdueIn2026 = UUID.randomUUID();
    final UUID firstInForceInJanuary = UUID.randomUUID();
    final UUID withdrawnInJune = UUID.randomUUID();
    final UUID reapprovedIn2026 = UUID.randomUUID();

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

        // egenkontroll occurrences: due 15 Dec 2025, overdue, carried out 10 Jan 2026; due 1 Dec, overdue, carried out
        // 20 Dec; carried out on time on 31 Dec; due 1 Nov, overdue, never carried out; carried out 2 Jan 2026 on time
        Events.send(new EgenkontrollOverdueV1(plan, controlExecutedInJanuary, UNIT, day(2025, 12, 15)));
        Events.send(executed(controlExecutedInJanuary, day(2026, 1, 10)));
        Events.send(new EgenkontrollOverdueV1(plan, controlExecutedLateInDecember, UNIT, day(2025, 12, 1)));
        Events.send(executed(controlExecutedLateInDecember, day(2025, 12, 20)));
        Events.send(executed(controlOnTimeOnNewYearsEve, day(2025, 12, 31)));
        Events.send(new EgenkontrollOverdueV1(plan, controlNeverExecuted, UNIT, day(2025, 11, 1)));
        Events.send(executed(controlOf2026, day(2026, 1, 2)));

        // documents in force: a first version in force from 10 Jan 2026; one withdrawn on 1 Jun 2025
        approved(firstInForceInJanuary, DocumentType.ROUTINE, 1, day(2026, 1, 10), day(2027, 1, 10));
        approved(withdrawnInJune, DocumentType.ROUTINE, 1, day(2024, 1, 1), day(2027, 1, 1));
        Events.send(new DocumentWithdrawnV1(
                withdrawnInJune,
                DocumentType.ROUTINE,
                1,
                UUID.randomUUID(),
                WithdrawalReason.OBSOLETE,
                null,
                day(2025, 6, 1),
                List.of(UNIT),
                Instant.now()));

        // in force from 1 Jan 2024, withdrawn on 5 Jan 2026 and approved again from 1 Mar 2026: in force on
        // 31 Dec 2025, and withdrawn in 2026, though its present row shows neither
        approved(reapprovedIn2026, DocumentType.ROUTINE, 1, day(2024, 1, 1), day(2027, 1, 1));
        Events.send(new DocumentWithdrawnV1(
                reapprovedIn2026,
                DocumentType.ROUTINE,
                1,
                UUID.randomUUID(),
                WithdrawalReason.OBSOLETE,
                null,
                day(2026, 1, 5),
                List.of(UNIT),
                Instant.now()));
        approved(reapprovedIn2026, DocumentType.ROUTINE, 2, day(2026, 3, 1), day(2027, 3, 1));

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
                        && Db.count("SELECT count(*) FROM registry_document WHERE document_id IN ("
                                        + ids(firstInForceInJanuary, withdrawnInJune)
                                        + ") AND (withdrawn_on IS NOT NULL OR valid_from = DATE '2026-01-10')")
                                == 2
                        && Db.count("SELECT count(*) FROM followup_egenkontroll WHERE plan_id = '" + plan + "'") == 5
                        && Db.count("SELECT count(*) FROM followup_egenkontroll WHERE plan_id = '" + plan
                                        + "' AND executed_on IS NOT NULL")
                                == 4
                        && Db.count("SELECT count(*) FROM registry_document WHERE in_force AND version = 2"
                                        + " AND document_id = '" + reapprovedIn2026 + "'")
                                == 1
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
    void aPastYearCountsTheDocumentsInForceOnItsThirtyFirstOfDecember() {
        ReadModels.Documents y2025 = queries.open(ROOT, 2025, IN_2026).documents();
        // in force on 31 December 2025: six routines (one of them in its second version from that day, one withdrawn
        // in January 2026 and approved again in March), the process and the cooperation agreement withdrawn in
        // February 2026; not: the routine first in force on 10 Jan 2026 and the one withdrawn on 1 Jun 2025
        assertThat(y2025.inForceByType())
                .containsExactlyInAnyOrderEntriesOf(Map.of("ROUTINE", 6L, "PROCESS", 1L, "COOPERATION_AGREEMENT", 1L));
        assertThat(y2025.cooperationInForce()).isEqualTo(1);
        assertThat(y2025.withdrawnInYear()).isEqualTo(1);
        assertThat(queries.open(ROOT, 2025, day(2026, 1, 1)).documents()).isEqualTo(y2025);
    }

    @Test
    void theCurrentYearCountsTheDocumentsInForceOnTheDayOfTheGeneration() {
        ReadModels.Documents y2026 = queries.open(ROOT, 2026, IN_2026).documents();
        assertThat(y2026.inForceByType()).containsExactlyInAnyOrderEntriesOf(Map.of("ROUTINE", 7L, "PROCESS", 1L));
        assertThat(y2026.cooperationInForce()).isZero();
        // the cooperation agreement, 1 Feb 2026, and the routine withdrawn on 5 Jan 2026 (in force again since March)
        assertThat(y2026.withdrawnInYear()).isEqualTo(2);
    }

    @Test
    void aPastYearCountsTheEgenkontrollAsItStoodOnItsThirtyFirstOfDecember() {
        ReadModels.Egenkontroll y2025 = queries.open(ROOT, 2025, IN_2026).egenkontroll();
        // planned in 2025: the four due or carried out in the year; carried out by 31 December: late on 20 Dec and on
        // time on 31 Dec; not carried out on 31 December: the one carried out on 10 Jan 2026 and the one never done
        assertThat(y2025.planned()).isEqualTo(4);
        assertThat(y2025.executed()).isEqualTo(2);
        assertThat(y2025.executedLate()).isEqualTo(1);
        assertThat(y2025.notExecuted()).isEqualTo(2);
        assertThat(queries.open(ROOT, 2025, day(2026, 1, 1)).egenkontroll()).isEqualTo(y2025);
    }

    @Test
    void theCurrentYearCountsTheEgenkontrollCarriedOutInIt() {
        // 2026 generated in 2026: carried out in 2026, the one due in December 2025 late
        ReadModels.Egenkontroll y2026 = queries.open(ROOT, 2026, IN_2026).egenkontroll();
        assertThat(y2026.planned()).isEqualTo(2);
        assertThat(y2026.executed()).isEqualTo(2);
        assertThat(y2026.executedLate()).isEqualTo(1);
        assertThat(y2026.notExecuted()).isZero();
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

    EgenkontrollExecutedV1 executed(UUID occurrence, LocalDate on) {
        return new EgenkontrollExecutedV1(plan, occurrence, UNIT, on, "APPROVED", 10, 0, 0);
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
