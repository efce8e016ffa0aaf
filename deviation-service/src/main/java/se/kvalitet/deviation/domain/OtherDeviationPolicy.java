package se.kvalitet.deviation.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/** Övrig avvikelse / kvalitetsavvikelse: investigated and completed with its analysis, no assessment. */
public final class OtherDeviationPolicy implements CategoryPolicy {

    @Override
    public DeviationCategory category() {
        return DeviationCategory.OTHER_DEVIATION;
    }

    @Override
    public String displayName() {
        return "other deviation";
    }

    @Override
    public TrackKind trackKind() {
        return TrackKind.INVESTIGATION;
    }

    @Override
    public Set<Section> requiredSections() {
        return EnumSet.of(Section.WHAT_HAPPENED_AND_CONSEQUENCES, Section.CAUSES);
    }

    @Override
    public Optional<ClockKind> investigationClock() {
        return Optional.of(ClockKind.DEVIATION_INVESTIGATION);
    }

    @Override
    public Map<ClockKind, String> clockDefaults() {
        return Map.of(ClockKind.DEVIATION_INVESTIGATION, "30d");
    }
}
