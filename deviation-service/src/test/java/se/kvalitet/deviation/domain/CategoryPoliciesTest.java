package se.kvalitet.deviation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/** The registry: every published category has exactly its policy, and a missing one is named. */
class CategoryPoliciesTest {

    @Test
    void everyCategoryHasItsPolicy() {
        for (DeviationCategory c : DeviationCategory.values()) {
            CategoryPolicy p = CategoryPolicies.of(c);
            assertNotNull(p, "no policy for " + c);
            assertEquals(c, p.category());
        }
    }

    @Test
    void aCategoryWithoutPolicyClassFailsNamingIt() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> CategoryPolicies.load(
                        List.of(DeviationCategory.LEX_SARAH, DeviationCategory.COMPLAINT),
                        c -> c == DeviationCategory.COMPLAINT
                                ? "se.kvalitet.deviation.domain.NoSuchPolicy"
                                : CategoryPolicies.className(c)));
        assertTrue(
                e.getMessage().contains("COMPLAINT: no policy class se.kvalitet.deviation.domain.NoSuchPolicy"),
                e.getMessage());
    }

    @Test
    void aPolicyOfAnotherCategoryIsRefused() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> CategoryPolicies.load(
                        List.of(DeviationCategory.LEX_MARIA),
                        c -> CategoryPolicies.className(DeviationCategory.LEX_SARAH)));
        assertTrue(
                e.getMessage()
                        .contains(
                                "LEX_MARIA: se.kvalitet.deviation.domain.LexSarahPolicy is not the CategoryPolicy of LEX_MARIA"),
                e.getMessage());
    }

    @Test
    void classNamesFollowTheCategory() {
        assertEquals(
                "se.kvalitet.deviation.domain.PersonalDataBreachPolicy",
                CategoryPolicies.className(DeviationCategory.PERSONAL_DATA_BREACH));
        assertEquals(
                "se.kvalitet.deviation.domain.NotADeviationPolicy",
                CategoryPolicies.className(DeviationCategory.NOT_A_DEVIATION));
    }

    @Test
    void theCategoriesTogetherRunEveryCaseClockOnce() {
        Map<ClockKind, String> defaults = CategoryPolicies.standard().clockDefaults();
        assertEquals(
                EnumSet.complementOf(EnumSet.of(ClockKind.TRIAGE, ClockKind.ACTION_DUE, ClockKind.ACTION_EFFECT_CHECK)),
                EnumSet.copyOf(defaults.keySet()));
        assertEquals("72h", defaults.get(ClockKind.IMY_NOTIFICATION));
        assertEquals("20wd", defaults.get(ClockKind.COMPLAINT_ANSWER));
    }

    @Test
    void onlyLexMariaIsHandledByTheMedicallyResponsible() {
        assertEquals(
                EnumSet.of(DeviationCategory.LEX_MARIA),
                CategoryPolicies.standard().handledBy(HandledBy.MEDICALLY_RESPONSIBLE));
    }
}
