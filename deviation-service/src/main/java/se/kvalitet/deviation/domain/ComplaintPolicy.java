package se.kvalitet.deviation.domain;

import java.util.Map;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * Synpunkt/klagomål (SOSFS 2011:9 5 kap 3-5 §§): received, acknowledged and answered unless anonymous;
 * completed with its outcome. No assessment, no authority.
 */
public final class ComplaintPolicy implements CategoryPolicy {

    @Override
    public DeviationCategory category() {
        return DeviationCategory.COMPLAINT;
    }

    @Override
    public String displayName() {
        return "complaint";
    }

    @Override
    public TrackKind trackKind() {
        return TrackKind.COMPLAINT;
    }

    /** The kommunal servicenivå: acknowledge within 3 working days, answer within 20. */
    @Override
    public Map<ClockKind, String> clockDefaults() {
        return Map.of(ClockKind.COMPLAINT_ACKNOWLEDGEMENT, "3wd", ClockKind.COMPLAINT_ANSWER, "20wd");
    }
}
