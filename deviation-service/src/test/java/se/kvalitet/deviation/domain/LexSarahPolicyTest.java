package se.kvalitet.deviation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.ClockKind;

class LexSarahPolicyTest {

    final CategoryPolicy p = new LexSarahPolicy();

    @Test
    void investigatedCoveringSosfs2011_5() {
        assertEquals(TrackKind.INVESTIGATION, p.trackKind());
        assertEquals(
                EnumSet.of(
                        Section.WHAT_HAPPENED_AND_CONSEQUENCES,
                        Section.WHEN_AND_HOW_NOTICED,
                        Section.CAUSES,
                        Section.HAPPENED_BEFORE,
                        Section.CAN_RECUR,
                        Section.MEASURES_TAKEN,
                        Section.MEASURES_PLANNED),
                p.requiredSections());
        assertEquals(HandledBy.QUALITY_TEAM, p.handledBy());
    }

    @Test
    void assessmentsAndSeriousness() {
        assertEquals(
                EnumSet.of(
                        Assessment.MISSFORHALLANDE,
                        Assessment.PATAGLIG_RISK_FOR_MISSFORHALLANDE,
                        Assessment.INGET_MISSFORHALLANDE),
                p.allowedAssessments());
        assertTrue(p.requiresAssessment());
        assertTrue(p.seriousness(Assessment.MISSFORHALLANDE, true));
        assertFalse(p.seriousness(Assessment.PATAGLIG_RISK_FOR_MISSFORHALLANDE, false));
        RuleViolation notSarah = assertThrows(RuleViolation.class, () -> p.seriousness(Assessment.VARDSKADA, true));
        assertEquals("assessment", notSarah.field());
        assertEquals(
                "serious",
                assertThrows(RuleViolation.class, () -> p.seriousness(Assessment.MISSFORHALLANDE, null))
                        .field());
        RuleViolation none =
                assertThrows(RuleViolation.class, () -> p.seriousness(Assessment.INGET_MISSFORHALLANDE, true));
        assertEquals("must be false for INGET_MISSFORHALLANDE", none.reason());
    }

    @Test
    void anAllvarligtCaseGoesToIvoWithinSevenDays() {
        assertTrue(p.reportable(Assessment.MISSFORHALLANDE, true));
        assertFalse(p.reportable(Assessment.MISSFORHALLANDE, false));
        assertEquals(Optional.of(Authority.IVO), p.authority());
        assertEquals(Optional.of(ClockKind.LEX_SARAH_IVO_NOTIFICATION), p.notificationClock());
        assertFalse(p.notificationClockFromAwareness());
        assertEquals(Optional.of(ClockKind.LEX_SARAH_INVESTIGATION), p.investigationClock());
        assertEquals(
                Map.of(ClockKind.LEX_SARAH_IVO_NOTIFICATION, "7d", ClockKind.LEX_SARAH_INVESTIGATION, "30d"),
                p.clockDefaults());
        assertFalse(p.dataSubjectsToBeTold(Assessment.MISSFORHALLANDE));
    }
}
