package se.kvalitet.deviation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.DeviationCategory;

class TriageRulesTest {

    @Test
    void notADeviationStandsAloneWithAReason() {
        assertEquals(
                List.of(
                        new TriageRules.Breach(
                                "categories", "NOT_A_DEVIATION cannot be combined with other categories"),
                        new TriageRules.Breach("reason", "NOT_A_DEVIATION needs a reason")),
                TriageRules.check(
                        EnumSet.of(DeviationCategory.NOT_A_DEVIATION, DeviationCategory.LEX_SARAH), false, false));
        assertEquals(List.of(), TriageRules.check(EnumSet.of(DeviationCategory.NOT_A_DEVIATION), false, true));
    }

    @Test
    void aReclassificationNeedsAReason() {
        assertEquals(
                List.of(new TriageRules.Breach("reason", "a reclassification needs a reason")),
                TriageRules.check(EnumSet.of(DeviationCategory.COMPLAINT), true, false));
        assertEquals(
                List.of(),
                TriageRules.check(EnumSet.of(DeviationCategory.LEX_MARIA, DeviationCategory.COMPLAINT), false, false));
    }
}
