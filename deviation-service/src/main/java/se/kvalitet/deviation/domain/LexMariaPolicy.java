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
 * Lex Maria (patientsäkerhetslagen 3 kap 5 §, HSLF-FS 2017:40): handled by the medically responsible
 * nurse (MAS); an allvarlig vårdskada or a risk of one is notified to IVO.
 */
public final class LexMariaPolicy implements CategoryPolicy {

    static final Set<Assessment> ASSESSMENTS = EnumSet.of(
            Assessment.ALLVARLIG_VARDSKADA,
            Assessment.RISK_FOR_ALLVARLIG_VARDSKADA,
            Assessment.VARDSKADA,
            Assessment.INGEN_VARDSKADA);

    @Override
    public DeviationCategory category() {
        return DeviationCategory.LEX_MARIA;
    }

    @Override
    public String displayName() {
        return "lex Maria";
    }

    @Override
    public TrackKind trackKind() {
        return TrackKind.INVESTIGATION;
    }

    /** HSLF-FS 2017:40: the event, its causes and the measures. */
    @Override
    public Set<Section> requiredSections() {
        return EnumSet.of(
                Section.WHAT_HAPPENED_AND_CONSEQUENCES,
                Section.CAUSES,
                Section.MEASURES_TAKEN,
                Section.MEASURES_PLANNED);
    }

    @Override
    public Set<Assessment> allowedAssessments() {
        return EnumSet.copyOf(ASSESSMENTS);
    }

    /** Serious follows from the assessment; a flag that contradicts it is refused. */
    @Override
    public boolean seriousness(Assessment assessment, Boolean serious) {
        if (!ASSESSMENTS.contains(assessment)) {
            throw RuleViolation.assessment(
                    "A lex Maria assessment is one of " + ASSESSMENTS, "assessment", "not a lex Maria assessment");
        }
        boolean isSerious =
                assessment == Assessment.ALLVARLIG_VARDSKADA || assessment == Assessment.RISK_FOR_ALLVARLIG_VARDSKADA;
        if (serious != null && serious != isSerious) {
            throw RuleViolation.assessment(
                    "For lex Maria, serious follows from the assessment",
                    "serious",
                    "must be " + isSerious + " for " + assessment);
        }
        return isSerious;
    }

    @Override
    public Optional<Authority> authority() {
        return Optional.of(Authority.IVO);
    }

    @Override
    public Optional<ClockKind> notificationClock() {
        return Optional.of(ClockKind.LEX_MARIA_IVO_NOTIFICATION);
    }

    @Override
    public Optional<ClockKind> investigationClock() {
        return Optional.of(ClockKind.LEX_MARIA_INVESTIGATION);
    }

    @Override
    public Map<ClockKind, String> clockDefaults() {
        return Map.of(ClockKind.LEX_MARIA_IVO_NOTIFICATION, "7d", ClockKind.LEX_MARIA_INVESTIGATION, "30d");
    }

    @Override
    public HandledBy handledBy() {
        return HandledBy.MEDICALLY_RESPONSIBLE;
    }
}
