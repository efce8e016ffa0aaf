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

class PersonalDataBreachPolicyTest {

    final CategoryPolicy p = new PersonalDataBreachPolicy();

    @Test
    void documentedEvenWhenNotNotified() {
        assertEquals(TrackKind.INVESTIGATION, p.trackKind());
        assertEquals(EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.MEASURES_TAKEN), p.requiredSections());
        assertEquals(Optional.empty(), p.investigationClock());
    }

    @Test
    void riskDecidesImyAndTheDataSubjects() {
        assertEquals(EnumSet.of(Assessment.NO_RISK, Assessment.RISK, Assessment.HIGH_RISK), p.allowedAssessments());
        assertFalse(p.reportable(Assessment.NO_RISK, false));
        assertTrue(p.reportable(Assessment.RISK, false));
        assertTrue(p.reportable(Assessment.HIGH_RISK, true));
        assertTrue(p.seriousness(Assessment.HIGH_RISK, null));
        assertFalse(p.seriousness(Assessment.RISK, true));
        assertThrows(RuleViolation.class, () -> p.seriousness(Assessment.MISSFORHALLANDE, null));
        assertTrue(p.dataSubjectsToBeTold(Assessment.HIGH_RISK));
        assertFalse(p.dataSubjectsToBeTold(Assessment.RISK));
    }

    @Test
    void imyWithin72HoursOfAwareness() {
        assertEquals(Optional.of(Authority.IMY), p.authority());
        assertEquals(Optional.of(ClockKind.IMY_NOTIFICATION), p.notificationClock());
        assertTrue(p.notificationClockFromAwareness());
        assertEquals(Map.of(ClockKind.IMY_NOTIFICATION, "72h"), p.clockDefaults());
        assertEquals(HandledBy.QUALITY_TEAM, p.handledBy());
    }
}
