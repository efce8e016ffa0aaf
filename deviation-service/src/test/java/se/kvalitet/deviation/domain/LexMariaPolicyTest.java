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

class LexMariaPolicyTest {

    final CategoryPolicy p = new LexMariaPolicy();

    @Test
    void handledByTheMasCoveringHslfFs2017_40() {
        assertEquals(TrackKind.INVESTIGATION, p.trackKind());
        assertEquals(HandledBy.MEDICALLY_RESPONSIBLE, p.handledBy());
        assertEquals(
                EnumSet.of(
                        Section.WHAT_HAPPENED_AND_CONSEQUENCES,
                        Section.CAUSES,
                        Section.MEASURES_TAKEN,
                        Section.MEASURES_PLANNED),
                p.requiredSections());
    }

    @Test
    void seriousFollowsFromTheAssessment() {
        assertEquals(
                EnumSet.of(
                        Assessment.ALLVARLIG_VARDSKADA,
                        Assessment.RISK_FOR_ALLVARLIG_VARDSKADA,
                        Assessment.VARDSKADA,
                        Assessment.INGEN_VARDSKADA),
                p.allowedAssessments());
        assertTrue(p.seriousness(Assessment.ALLVARLIG_VARDSKADA, null));
        assertTrue(p.seriousness(Assessment.RISK_FOR_ALLVARLIG_VARDSKADA, true));
        assertFalse(p.seriousness(Assessment.VARDSKADA, null));
        RuleViolation contradicted =
                assertThrows(RuleViolation.class, () -> p.seriousness(Assessment.INGEN_VARDSKADA, true));
        assertEquals("must be false for INGEN_VARDSKADA", contradicted.reason());
        assertEquals(
                "assessment",
                assertThrows(RuleViolation.class, () -> p.seriousness(Assessment.RISK, null))
                        .field());
    }

    @Test
    void aReportableCaseGoesToIvo() {
        assertEquals(Optional.of(Authority.IVO), p.authority());
        assertEquals(Optional.of(ClockKind.LEX_MARIA_IVO_NOTIFICATION), p.notificationClock());
        assertEquals(Optional.of(ClockKind.LEX_MARIA_INVESTIGATION), p.investigationClock());
        assertEquals(
                Map.of(ClockKind.LEX_MARIA_IVO_NOTIFICATION, "7d", ClockKind.LEX_MARIA_INVESTIGATION, "30d"),
                p.clockDefaults());
    }
}
