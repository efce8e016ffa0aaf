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
 * Lex Sarah (SoL 14 kap 3-7 §§, SOSFS 2011:5): investigated, assessed as a missförhållande, a påtaglig
 * risk of one, or neither, with whether it is allvarligt; an allvarligt one is notified to IVO "snarast".
 */
public final class LexSarahPolicy implements CategoryPolicy {

    static final Set<Assessment> ASSESSMENTS = EnumSet.of(
            Assessment.MISSFORHALLANDE, Assessment.PATAGLIG_RISK_FOR_MISSFORHALLANDE, Assessment.INGET_MISSFORHALLANDE);

    @Override
    public DeviationCategory category() {
        return DeviationCategory.LEX_SARAH;
    }

    @Override
    public String displayName() {
        return "lex Sarah";
    }

    @Override
    public TrackKind trackKind() {
        return TrackKind.INVESTIGATION;
    }

    /** What a lex Sarah investigation must cover before its position (SOSFS 2011:5). */
    @Override
    public Set<Section> requiredSections() {
        return EnumSet.of(
                Section.WHAT_HAPPENED_AND_CONSEQUENCES,
                Section.WHEN_AND_HOW_NOTICED,
                Section.CAUSES,
                Section.HAPPENED_BEFORE,
                Section.CAN_RECUR,
                Section.MEASURES_TAKEN,
                Section.MEASURES_PLANNED);
    }

    @Override
    public Set<Assessment> allowedAssessments() {
        return EnumSet.copyOf(ASSESSMENTS);
    }

    @Override
    public boolean seriousness(Assessment assessment, Boolean serious) {
        if (!ASSESSMENTS.contains(assessment)) {
            throw RuleViolation.assessment(
                    "A lex Sarah assessment is one of " + ASSESSMENTS, "assessment", "not a lex Sarah assessment");
        }
        if (serious == null) {
            throw RuleViolation.assessment("Say whether it is allvarligt", "serious", "required for lex Sarah");
        }
        if (serious && assessment == Assessment.INGET_MISSFORHALLANDE) {
            throw RuleViolation.assessment(
                    "Without a missförhållande nothing is allvarligt",
                    "serious",
                    "must be false for INGET_MISSFORHALLANDE");
        }
        return serious;
    }

    @Override
    public Optional<Authority> authority() {
        return Optional.of(Authority.IVO);
    }

    @Override
    public Optional<ClockKind> notificationClock() {
        return Optional.of(ClockKind.LEX_SARAH_IVO_NOTIFICATION);
    }

    @Override
    public Optional<ClockKind> investigationClock() {
        return Optional.of(ClockKind.LEX_SARAH_INVESTIGATION);
    }

    /** "Snarast" read as 7 calendar days from the serious assessment; the investigation "utan dröjsmål" as 30 days. */
    @Override
    public Map<ClockKind, String> clockDefaults() {
        return Map.of(ClockKind.LEX_SARAH_IVO_NOTIFICATION, "7d", ClockKind.LEX_SARAH_INVESTIGATION, "30d");
    }
}
