package se.kvalitet.deviation.domain;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * Everything a track of one {@link DeviationCategory} requires, in one place: which kind of track it
 * opens, which sections its investigation must cover, which assessments it takes and which of them
 * are serious or reportable, which authority is notified, who handles it, and which clocks run with
 * which default durations. One implementation per category, named {@code <Category>Policy} in this
 * package (found by {@link CategoryPolicies}); every place that depends on the category asks it.
 */
public interface CategoryPolicy {

    DeviationCategory category();

    /** How the category is named in problem texts, e.g. "lex Sarah". */
    String displayName();

    TrackKind trackKind();

    /** Sections an investigation must cover before its position; empty for tracks that are not investigated. */
    default Set<Section> requiredSections() {
        return Set.of();
    }

    /** The assessments a track takes; empty when it carries none (it is completed with its analysis). */
    default Set<Assessment> allowedAssessments() {
        return Set.of();
    }

    /** Whether completion needs an assessment first. */
    default boolean requiresAssessment() {
        return !allowedAssessments().isEmpty();
    }

    /**
     * Checks an assessment and the caller's {@code serious} flag against the category's rules and returns
     * whether the track is serious (lex Sarah: allvarligt; lex Maria: reportable; breach: high risk).
     *
     * @throws RuleViolation when the category takes no such assessment or the flag contradicts it
     */
    default boolean seriousness(Assessment assessment, Boolean serious) {
        throw RuleViolation.assessment(
                "A " + category() + " track has no assessment; complete it with its analysis", null, null);
    }

    /** Whether an assessed track must be notified to {@link #authority()}. */
    default boolean reportable(Assessment assessment, Boolean serious) {
        return Boolean.TRUE.equals(serious);
    }

    /** The supervisory authority notified when reportable; empty when none is. */
    default Optional<Authority> authority() {
        return Optional.empty();
    }

    /** The clock of the initial notification to {@link #authority()}. */
    default Optional<ClockKind> notificationClock() {
        return Optional.empty();
    }

    /**
     * Whether the notification clock runs from when the organisation became aware (a breach, GDPR art. 33:
     * from the report's arrival unless recorded otherwise, started at triage) rather than from the serious
     * assessment.
     */
    default boolean notificationClockFromAwareness() {
        return false;
    }

    /** The clock from triage to the completed investigation. */
    default Optional<ClockKind> investigationClock() {
        return Optional.empty();
    }

    /** Every clock a track of this category runs, with its default policy (see ClockPolicy's syntax). */
    default Map<ClockKind, String> clockDefaults() {
        return Map.of();
    }

    /** Who assesses, notifies and completes the track. */
    default HandledBy handledBy() {
        return HandledBy.QUALITY_TEAM;
    }

    /** Whether the data subjects must be told, or the reason not recorded, before completion (GDPR art. 34). */
    default boolean dataSubjectsToBeTold(Assessment assessment) {
        return false;
    }
}
