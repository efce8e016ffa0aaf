package se.kvalitet.report.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationDeadlineDueSoonV1;

class NoticeRulesTest {

    static DeviationDeadlineDueSoonV1 dueSoon(ClockKind kind, Instant dueAt, Instant detectedAt) {
        return new DeviationDeadlineDueSoonV1(
                UUID.randomUUID(),
                UUID.randomUUID(),
                kind,
                UUID.randomUUID(),
                DeviationCategory.LEX_SARAH,
                UUID.randomUUID(),
                dueAt.minusSeconds(86_400 * 7),
                dueAt,
                LocalDate.of(2026, 12, 5),
                detectedAt);
    }

    @Test
    void aDueSoonNoticedOnlyAfterTheDueTimeIsNoNotice() {
        Instant due = Instant.parse("2026-12-05T17:00:00Z");
        assertThat(NoticeRules.of(dueSoon(ClockKind.LEX_SARAH_IVO_NOTIFICATION, due, due.minusSeconds(3600))))
                .hasValueSatisfying(n -> {
                    assertThat(n.dueText()).isEqualTo("2026-12-05 kl. 18:00");
                    assertThat(n.overdue()).isFalse();
                    assertThat(n.roles()).containsExactly("quality-team");
                });
        assertThat(NoticeRules.of(dueSoon(ClockKind.LEX_SARAH_IVO_NOTIFICATION, due, due.plusSeconds(60))))
                .isEmpty();
    }

    @Test
    void actionsAreTheUnitManagersAndDatesOnly() {
        Instant due = Instant.parse("2026-12-05T22:59:59Z");
        assertThat(NoticeRules.of(dueSoon(ClockKind.ACTION_DUE, due, due.minusSeconds(86_400))))
                .hasValueSatisfying(n -> {
                    assertThat(n.dueText()).isEqualTo("2026-12-05");
                    assertThat(n.roles()).containsExactly("unit-manager");
                    assertThat(n.what()).isEqualTo("En åtgärd ska vara genomförd");
                });
    }
}
