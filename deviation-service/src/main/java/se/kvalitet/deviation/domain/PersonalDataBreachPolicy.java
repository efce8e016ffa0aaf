package se.kvalitet.deviation.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * Personuppgiftsincident (GDPR art. 33-34): the IMY clock runs 72 hours from awareness; a breach with
 * a risk is notified to IMY, a high-risk one also to the data subjects; a breach without risk is
 * documented, not notified (art. 33.5).
 */
public final class PersonalDataBreachPolicy implements CategoryPolicy {

    static final Set<Assessment> ASSESSMENTS = EnumSet.of(Assessment.NO_RISK, Assessment.RISK, Assessment.HIGH_RISK);

    @Override
    public DeviationCategory category() {
        return DeviationCategory.PERSONAL_DATA_BREACH;
    }

    @Override
    public String displayName() {
        return "breach";
    }

    @Override
    public TrackKind trackKind() {
        return TrackKind.INVESTIGATION;
    }

    /** A breach is documented even when it is not notified (art. 33.5): what happened and what was done. */
    @Override
    public Set<Section> requiredSections() {
        return EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.MEASURES_TAKEN);
    }

    @Override
    public Set<Assessment> allowedAssessments() {
        return EnumSet.copyOf(ASSESSMENTS);
    }

    @Override
    public boolean seriousness(Assessment assessment, Boolean serious) {
        if (!ASSESSMENTS.contains(assessment)) {
            throw RuleViolation.assessment(
                    "A breach's risk assessment is one of " + ASSESSMENTS,
                    "assessment",
                    "not a breach risk assessment");
        }
        return assessment == Assessment.HIGH_RISK;
    }

    /** Only a breach unlikely to pose a risk needs no notification. */
    @Override
    public boolean reportable(Assessment assessment, Boolean serious) {
        return assessment == Assessment.RISK || assessment == Assessment.HIGH_RISK;
    }

    @Override
    public Optional<Authority> authority() {
        return Optional.of(Authority.IMY);
    }

    @Override
    public Optional<ClockKind> notificationClock() {
        return Optional.of(ClockKind.IMY_NOTIFICATION);
    }

    @Override
    public boolean notificationClockFromAwareness() {
        return true;
    }

    @Override
    public Map<ClockKind, String> clockDefaults() {
        return Map.of(ClockKind.IMY_NOTIFICATION, "72h");
    }

    @Override
    public boolean dataSubjectsToBeTold(Assessment assessment) {
        return assessment == Assessment.HIGH_RISK;
    }
}
