package se.kvalitet.deviation.screening;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The personnummer guard: free text written into a case is screened for Swedish personal
 * identity and coordination numbers before anything is stored. Policy
 * {@code kvalitet.deviation.personal-identity-numbers}: {@code REJECT} (default) refuses the
 * request with a 422 problem naming every field that holds one; {@code MASK} replaces each number
 * with {@value PersonalIdentityNumbers#MASK} and stores the rest. Identifiers (the pseudonymous
 * reference to an affected person, external ids) are always refused: masking an identifier
 * would store a broken one. The problem never echoes the number.
 */
@ApplicationScoped
public class FreeTextGuard {

    /** What to do with a number found in free text. */
    public enum Mode {
        REJECT,
        MASK
    }

    @ConfigProperty(name = "kvalitet.deviation.personal-identity-numbers", defaultValue = "REJECT")
    Mode mode;

    public Screening screen() {
        return new Screening(mode);
    }

    /** One request's fields; call {@link #done()} after the last field. */
    public static final class Screening {
        private final Mode mode;
        private final List<Problem.FieldError> refused = new ArrayList<>();

        Screening(Mode mode) {
            this.mode = mode;
        }

        /** Free text: refused or masked by policy. */
        public String text(String field, String value) {
            if (value == null || !PersonalIdentityNumbers.containsAny(value)) {
                return value;
            }
            if (mode == Mode.MASK) {
                return PersonalIdentityNumbers.mask(value);
            }
            refused.add(new Problem.FieldError(
                    field, "contains a personal identity number (personnummer or samordningsnummer)"));
            return value;
        }

        /** An identifier: always refused when it is, or contains, a personal identity number. */
        public String identifier(String field, String value) {
            if (value != null && PersonalIdentityNumbers.containsAny(value)) {
                refused.add(new Problem.FieldError(
                        field, "must not be a personal identity number; use a pseudonymous reference"));
            }
            return value;
        }

        public void done() {
            if (!refused.isEmpty()) {
                throw ProblemException.unprocessable(
                        "personal-identity-number",
                        "Personal identity numbers may not be stored in a report; remove them and send again",
                        List.copyOf(refused));
            }
        }
    }
}
