package se.kvalitet.deviation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.ClockKind;

class ComplaintPolicyTest {

    final CategoryPolicy p = new ComplaintPolicy();

    @Test
    void acknowledgedAndAnsweredWithoutAssessmentOrAuthority() {
        assertEquals(TrackKind.COMPLAINT, p.trackKind());
        assertTrue(p.requiredSections().isEmpty());
        assertTrue(p.allowedAssessments().isEmpty());
        assertFalse(p.requiresAssessment());
        RuleViolation v = assertThrows(RuleViolation.class, () -> p.seriousness(Assessment.RISK, null));
        assertEquals("A COMPLAINT track has no assessment; complete it with its analysis", v.getMessage());
        assertEquals(Optional.empty(), p.authority());
        assertEquals(Optional.empty(), p.notificationClock());
        assertEquals(
                Map.of(ClockKind.COMPLAINT_ACKNOWLEDGEMENT, "3wd", ClockKind.COMPLAINT_ANSWER, "20wd"),
                p.clockDefaults());
    }
}
