package se.kvalitet.deviation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import se.kvalitet.events.deviation.DeviationCategory;

/** What a triage decision must satisfy, from the categories' policies. */
public final class TriageRules {

    /** A field a triage decision gets wrong, and why. */
    public record Breach(String field, String message) {}

    private TriageRules() {}

    /**
     * A category whose track ends at triage ("not a deviation here") stands alone and needs a reason;
     * so does every reclassification.
     */
    public static List<Breach> check(Set<DeviationCategory> wanted, boolean reclassification, boolean reasonGiven) {
        List<Breach> breaches = new ArrayList<>();
        List<DeviationCategory> endingAtTriage = wanted.stream()
                .filter(c -> CategoryPolicies.of(c).trackKind() == TrackKind.NONE)
                .sorted()
                .toList();
        if (!endingAtTriage.isEmpty() && wanted.size() > 1) {
            breaches.add(new Breach("categories", endingAtTriage.get(0) + " cannot be combined with other categories"));
        }
        if ((!endingAtTriage.isEmpty() || reclassification) && !reasonGiven) {
            breaches.add(new Breach(
                    "reason",
                    reclassification
                            ? "a reclassification needs a reason"
                            : endingAtTriage.get(0) + " needs a reason"));
        }
        return breaches;
    }
}
