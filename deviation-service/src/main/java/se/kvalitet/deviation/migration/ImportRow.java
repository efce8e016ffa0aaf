package se.kvalitet.deviation.migration;

import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintKind;
import se.kvalitet.events.deviation.ComplaintSource;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * One historical report as the migration import reads it, checked for form ({@link ImportRows}): its
 * reference in the system it comes from, its original dates, unit and category, and each step of its
 * handling with the date it happened. Optional steps are null; the domain's own rules are checked when
 * the row is replayed ({@link ImportReplay}).
 */
record ImportRow(
        int rowNumber,
        String sourceSystem,
        String sourceId,
        Instant receivedAt,
        Instant occurredAt,
        Instant noticedAt,
        UUID orgUnitId,
        DeviationCategory category,
        String summary,
        String description,
        Instant triagedAt,
        String triageReason,
        Assessment assessment,
        Boolean serious,
        Instant assessedAt,
        Instant notificationSentAt,
        String notificationReference,
        String notificationLateReason,
        Instant supplementSentAt,
        Instant breachAwareAt,
        Integer breachAffectedCount,
        Instant dataSubjectsNotifiedAt,
        ComplaintKind complaintKind,
        ComplaintSource complaintSource,
        ComplaintChannel complaintChannel,
        boolean complaintAnonymous,
        Instant complaintReceivedAt,
        Instant complaintAnsweredAt,
        String complaintAnswer,
        Boolean deviationOccurred,
        Instant completedAt,
        String position,
        Instant closedAt,
        String closingFeedback) {}
