package se.kvalitet.registry.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.registry.document.DocumentVersion.Status;
import se.kvalitet.web.ProblemException;

/** The version lifecycle and the review schedule, without Quarkus. */
class DocumentVersionTest {

    static DocumentVersion draft() {
        DocumentVersion v = new DocumentVersion();
        v.id = UUID.randomUUID();
        v.documentId = UUID.randomUUID();
        v.number = 1;
        v.status = Status.DRAFT;
        v.title = "Rutin";
        v.reviewInterval = ReviewInterval.YEARLY;
        ProcessActivity a = new ProcessActivity();
        a.id = UUID.randomUUID();
        a.activityId = UUID.randomUUID();
        a.version = v;
        a.name = "Utreda";
        a.position = 1;
        v.activities.add(a);
        v.requirements.add(new RequirementLink(UUID.randomUUID(), null, "Enhetschef"));
        return v;
    }

    @Test
    void theLifecycleAllowsOnlyItsTransitions() {
        DocumentVersion v = draft();
        v.requireEditable();
        assertThatThrownBy(() -> v.moveTo(Status.APPROVED))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    ProblemException p = (ProblemException) e;
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.extensions()).containsEntry("currentState", Status.DRAFT);
                });
        v.moveTo(Status.IN_REVIEW);
        assertThatThrownBy(v::requireEditable)
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("return it to draft");
        v.approve(
                DecisionBody.BOARD,
                null,
                LocalDate.of(2026, 3, 1),
                "SN 2026/1",
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2027, 3, 1),
                Instant.now(),
                "karin");
        assertThat(v.status).isEqualTo(Status.APPROVED);
        assertThat(v.status.decided()).isTrue();
        assertThatThrownBy(() -> v.moveTo(Status.DRAFT)).isInstanceOf(ProblemException.class);
        v.supersede(LocalDate.of(2026, 9, 1));
        assertThat(Status.SUPERSEDED.next()).isEmpty();
        assertThatThrownBy(() -> v.withdraw(LocalDate.now(), null, null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aRevisionCopiesTheContentAndKeepsActivityIds() {
        DocumentVersion v = draft();
        v.moveTo(Status.IN_REVIEW);
        v.approve(
                DecisionBody.UNIT_HEAD,
                null,
                LocalDate.of(2026, 1, 10),
                null,
                LocalDate.of(2026, 1, 10),
                null,
                Instant.now(),
                "x");
        DocumentVersion next = v.revision(2, Instant.now(), "per");
        assertThat(next.status).isEqualTo(Status.DRAFT);
        assertThat(next.number).isEqualTo(2);
        assertThat(next.id).isNotEqualTo(v.id);
        assertThat(next.decidedBy).isNull();
        assertThat(next.activities).singleElement().satisfies(a -> {
            assertThat(a.activityId).isEqualTo(v.activities.get(0).activityId);
            assertThat(a.id).isNotEqualTo(v.activities.get(0).id);
            assertThat(a.version).isSameAs(next);
        });
        assertThat(next.requirements)
                .singleElement()
                .satisfies(l -> assertThat(l).isNotSameAs(v.requirements.get(0)));
        assertThat(next.searchExtra).contains("Utreda");
    }

    @Test
    void reviewDatesFollowTheInterval() {
        LocalDate d = LocalDate.of(2026, 1, 31);
        assertThat(ReviewSchedule.next(d, ReviewInterval.YEARLY, null)).isEqualTo("2027-01-31");
        assertThat(ReviewSchedule.next(d, ReviewInterval.EVERY_SECOND_YEAR, null))
                .isEqualTo("2028-01-31");
        assertThat(ReviewSchedule.next(d, ReviewInterval.MONTHS, 1)).isEqualTo("2026-02-28");
        assertThat(ReviewSchedule.next(d, ReviewInterval.ON_DEMAND, null)).isNull();
    }
}
