package se.kvalitet.followup.support;

import java.util.ArrayList;
import java.util.List;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * Follow-up data are aggregates and plans: free text (comments, findings, descriptions) must never
 * hold a personal identity number. A request with one is refused with a 422 naming every field;
 * the problem never echoes the number.
 */
public final class TextGuard {

    private final List<Problem.FieldError> refused = new ArrayList<>();

    public TextGuard text(String field, String value) {
        if (value != null && PersonalIdentityNumbers.containsAny(value)) {
            refused.add(new Problem.FieldError(
                    field, "contains a personal identity number (personnummer or samordningsnummer)"));
        }
        return this;
    }

    /** Whether {@code value} would be refused (for per-row reporting in bulk uploads). */
    public static boolean refuses(String value) {
        return value != null && PersonalIdentityNumbers.containsAny(value);
    }

    public void done() {
        if (!refused.isEmpty()) {
            throw ProblemException.unprocessable(
                    "personal-identity-number",
                    "Follow-up data may not hold personal identity numbers; remove them and send again",
                    List.copyOf(refused));
        }
    }
}
