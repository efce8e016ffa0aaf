package se.kvalitet.registry.domain;

import java.util.List;
import java.util.Map;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/** Free text in the registry is read by all staff: it must not carry personal identity numbers. */
public final class FreeText {

    private FreeText() {}

    /** Refuses (422 naming the fields) texts that look like they contain a personal identity number. */
    public static void requireFreeOfPersonalIdentityNumbers(Map<String, String> texts) {
        List<Problem.FieldError> errors = texts.entrySet().stream()
                .filter(e -> e.getValue() != null && PersonalIdentityNumbers.containsAny(e.getValue()))
                .map(
                        e -> new Problem.FieldError(
                                e.getKey(),
                                "contains what looks like a personal identity number; steering documents are read by all staff"))
                .toList();
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(
                    "personal-identity-number", "Remove personal identity numbers from the document", errors);
        }
    }
}
