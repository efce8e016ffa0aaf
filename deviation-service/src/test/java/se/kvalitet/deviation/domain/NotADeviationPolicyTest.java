package se.kvalitet.deviation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotADeviationPolicyTest {

    final CategoryPolicy p = new NotADeviationPolicy();

    @Test
    void endsAtTriageWithNothingToHandle() {
        assertEquals(TrackKind.NONE, p.trackKind());
        assertTrue(p.requiredSections().isEmpty());
        assertTrue(p.allowedAssessments().isEmpty());
        assertEquals(Optional.empty(), p.authority());
        assertEquals(Optional.empty(), p.investigationClock());
        assertTrue(p.clockDefaults().isEmpty());
    }
}
