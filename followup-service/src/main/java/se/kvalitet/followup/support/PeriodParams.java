package se.kvalitet.followup.support;

import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

/** Query parameters that name a period or a gender, read the same way by every resource (a bad one is a 400 naming it). */
public final class PeriodParams {

    private PeriodParams() {}

    /** The period {@code code} (parameter {@code name}), e.g. 2025, 2025-H1, 2025-Q3. */
    public static Period period(String code, String name) {
        try {
            return Period.parse(code);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, e.getMessage());
        }
    }

    /** As {@link #period}, but the parameter must be given. */
    public static Period required(String code, String name) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalidField(name, "is required, e.g. 2025");
        }
        return period(code, name);
    }

    /** The gender parameter; T (the total) when not given. */
    public static Gender gender(String g) {
        Gender gender = QueryParams.enumValue("gender", g, Gender.class);
        return gender == null ? Gender.T : gender;
    }
}
