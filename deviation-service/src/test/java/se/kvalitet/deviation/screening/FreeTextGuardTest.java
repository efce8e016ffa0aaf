package se.kvalitet.deviation.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import se.kvalitet.web.ProblemException;

class FreeTextGuardTest {

    static FreeTextGuard guard(FreeTextGuard.Mode mode) {
        FreeTextGuard g = new FreeTextGuard();
        g.mode = mode;
        return g;
    }

    @Test
    void rejectNamesEveryFieldWithANumber() {
        FreeTextGuard.Screening s = guard(FreeTextGuard.Mode.REJECT).screen();
        s.text("summary", "Inget nummer");
        s.text("description", "Brukare 121212-1212");
        s.identifier("affectedPersonRef", "p-1");
        assertThatThrownBy(s::done).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.errors()).extracting(f -> f.field()).containsExactly("description");
            assertThat(e.getMessage()).doesNotContain("1212");
        });
    }

    @Test
    void maskReplacesNumbersInTextButStillRefusesIdentifiers() {
        FreeTextGuard.Screening s = guard(FreeTextGuard.Mode.MASK).screen();
        assertThat(s.text("description", "Brukare 121212-1212 föll."))
                .isEqualTo("Brukare [personnummer borttaget] föll.");
        s.done();
        FreeTextGuard.Screening ids = guard(FreeTextGuard.Mode.MASK).screen();
        ids.identifier("affectedPersonRef", "191212121212");
        assertThatThrownBy(ids::done).isInstanceOf(ProblemException.class);
    }
}
