package se.kvalitet.deviation.investigation;

import java.time.Instant;
import java.util.List;
import se.kvalitet.deviation.report.DeviationTrack;

/** The command to record a breach's facts; null leaves a fact as it was. */
public record BreachDetails(
        Instant awareAt,
        Integer affectedCount,
        List<DeviationTrack.DataCategory> dataCategories,
        Instant dataSubjectsNotifiedAt,
        String notNotifiedReason) {}
