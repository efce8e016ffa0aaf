package se.kvalitet.deviation.complaint;

import java.time.Instant;
import java.util.UUID;

/**
 * The command that completes a complaint with its outcome and, when a deviation occurred, what it became;
 * {@code completedAt} is when that was done (null: now; issue 16 item 2).
 */
public record CompleteComplaint(
        String outcome, Boolean deviationOccurred, UUID linkedTrackId, UUID linkedDeviationId, Instant completedAt) {

    public CompleteComplaint(String outcome, Boolean deviationOccurred, UUID linkedTrackId, UUID linkedDeviationId) {
        this(outcome, deviationOccurred, linkedTrackId, linkedDeviationId, null);
    }
}
