package se.kvalitet.report.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationDeadlineDueSoonV1;
import se.kvalitet.events.deviation.DeviationInvestigatorAssignedV1;
import se.kvalitet.events.followup.InternalControlOverdueV1;

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

    @Test
    void anAssignmentIsForThePersonItNamesAndAnOverdueInternalControlForTheManagersAndTheQualityTeam() {
        UUID deviation = UUID.randomUUID();
        String ref = "hmac-sha256:" + "1".repeat(64);
        assertThat(NoticeRules.of(new DeviationInvestigatorAssignedV1(
                        deviation,
                        UUID.randomUUID(),
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        UUID.randomUUID(),
                        ref,
                        Instant.parse("2026-12-31T23:30:00Z"),
                        Instant.parse("2026-12-01T08:00:00Z"))))
                .hasValueSatisfying(n -> {
                    assertThat(n.personRef()).isEqualTo(ref);
                    assertThat(n.roles()).isEmpty();
                    assertThat(n.overdue()).isFalse();
                    assertThat(n.what()).isEqualTo("Du har tilldelats en utredning: personuppgiftsincident");
                    // the day in Sweden, where 23:30 UTC on New Year's Eve is already the new year
                    assertThat(n.dueText()).isEqualTo("2027-01-01");
                    assertThat(n.linkPath()).isEqualTo("/avvikelser/" + deviation);
                });
        UUID plan = UUID.randomUUID();
        assertThat(NoticeRules.of(new InternalControlOverdueV1(
                        plan, UUID.randomUUID(), UUID.randomUUID(), 2026, LocalDate.of(2026, 9, 30))))
                .hasValueSatisfying(n -> {
                    assertThat(n.personRef()).isNull();
                    assertThat(n.roles()).containsExactly("unit-manager", "quality-team");
                    assertThat(n.overdue()).isTrue();
                    assertThat(n.dueText()).isEqualTo("2026-09-30");
                    assertThat(n.linkPath()).isEqualTo("/internkontroll/" + plan);
                });
        assertThat(NoticeRules.TYPES).contains(DeviationInvestigatorAssignedV1.TYPE, InternalControlOverdueV1.TYPE);
    }
}
