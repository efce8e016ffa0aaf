package se.kvalitet.deviation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.ClockKind;

class OtherDeviationPolicyTest {

    final CategoryPolicy p = new OtherDeviationPolicy();

    @Test
    void investigatedAndCompletedWithItsAnalysis() {
        assertEquals(TrackKind.INVESTIGATION, p.trackKind());
        assertEquals(EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.CAUSES), p.requiredSections());
        assertFalse(p.requiresAssessment());
        assertThrows(RuleViolation.class, () -> p.seriousness(Assessment.MISSFORHALLANDE, true));
        assertFalse(p.reportable(null, null));
        assertEquals(Optional.empty(), p.authority());
        assertEquals(Optional.of(ClockKind.DEVIATION_INVESTIGATION), p.investigationClock());
        assertEquals(Map.of(ClockKind.DEVIATION_INVESTIGATION, "30d"), p.clockDefaults());
    }
}
