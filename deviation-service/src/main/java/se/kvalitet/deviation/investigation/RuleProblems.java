package se.kvalitet.deviation.investigation;

import java.util.List;
import se.kvalitet.deviation.domain.RuleViolation;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/** A category rule's refusal as the 422 problem the API promises. */
final class RuleProblems {

    private RuleProblems() {}

    static ProblemException of(RuleViolation v) {
        return ProblemException.unprocessable(
                v.type(),
                v.getMessage(),
                v.field() == null ? List.of() : List.of(new Problem.FieldError(v.field(), v.reason())));
    }
}
