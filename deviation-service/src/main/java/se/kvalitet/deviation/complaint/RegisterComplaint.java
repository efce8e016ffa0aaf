package se.kvalitet.deviation.complaint;

import java.time.Instant;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintKind;
import se.kvalitet.events.deviation.ComplaintSource;

/** The command to register what a complaint or suggestion is, where it came from and how (SOSFS 2011:9 5 kap 3 §). */
public record RegisterComplaint(
        ComplaintKind kind, ComplaintSource source, ComplaintChannel channel, boolean anonymous, Instant receivedAt) {}
