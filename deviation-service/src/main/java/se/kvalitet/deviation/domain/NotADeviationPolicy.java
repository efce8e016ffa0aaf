package se.kvalitet.deviation.domain;

import se.kvalitet.events.deviation.DeviationCategory;

/** Ej avvikelse i verksamheten: closed at triage with a reason; it stands alone. */
public final class NotADeviationPolicy implements CategoryPolicy {

    @Override
    public DeviationCategory category() {
        return DeviationCategory.NOT_A_DEVIATION;
    }

    @Override
    public String displayName() {
        return "not a deviation";
    }

    @Override
    public TrackKind trackKind() {
        return TrackKind.NONE;
    }
}
