package se.kvalitet.deviation.complaint;

import java.util.UUID;

/** The command that completes a complaint with its outcome and, when a deviation occurred, what it became. */
public record CompleteComplaint(
        String outcome, Boolean deviationOccurred, UUID linkedTrackId, UUID linkedDeviationId) {}
