package se.kvalitet.deviation.migration;

import java.time.Instant;
import java.util.stream.Stream;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * Whether a row, already checked for form ({@link ImportRows#check}), will very likely pass every live rule of its
 * replay, so that it can be written in a batch with others ({@link MigrationImport}). Only a route, never an outcome:
 * a row that is not plain is imported alone, by the same replay, and gets its outcome (accepted or the live rule that
 * refused it, with its field) from there; a plain row that a live rule refuses after all sends its batch back to be
 * done row by row. So what this class misses costs time, never a different result.
 */
final class ImportPrecheck {

    private ImportPrecheck() {}

    /** No personnummer in any text or reference, every step at or after the one it follows. */
    static boolean plain(ImportRow r) {
        boolean personal = Stream.of(
                        r.sourceSystem(),
                        r.sourceId(),
                        r.summary(),
                        r.description(),
                        r.triageReason(),
                        r.notificationReference(),
                        r.notificationLateReason(),
                        r.complaintAnswer(),
                        r.position(),
                        r.closingFeedback())
                .anyMatch(t -> t != null && PersonalIdentityNumbers.containsAny(t));
        if (personal) {
            return false;
        }
        Instant occurred = r.occurredAt();
        Instant triaged = r.triagedAt() != null ? r.triagedAt() : r.receivedAt();
        Instant assessed = r.assessedAt() != null ? r.assessedAt() : triaged;
        if (!inOrder(occurred, r.receivedAt(), triaged)) {
            return false;
        }
        // a step that needs what the row does not say (an assessment to complete, a serious one to notify)
        boolean investigated = r.category() == DeviationCategory.LEX_SARAH
                || r.category() == DeviationCategory.LEX_MARIA
                || r.category() == DeviationCategory.PERSONAL_DATA_BREACH;
        if (investigated && r.completedAt() != null && r.assessment() == null) {
            return false;
        }
        if (r.category() == DeviationCategory.PERSONAL_DATA_BREACH || r.category() == DeviationCategory.COMPLAINT) {
            // their own rules (awareness, data subjects, the complaint's dates): alone is cheap for the few there are
            return false;
        }
        if (investigated) {
            boolean serious = Boolean.TRUE.equals(r.serious());
            if (r.notificationSentAt() != null && !serious) {
                return false;
            }
            if (serious && r.completedAt() != null && r.notificationSentAt() == null) {
                return false;
            }
            if (r.assessment() != null && !inOrder(triaged, assessed)) {
                return false;
            }
            if (r.notificationSentAt() != null
                    && !inOrder(assessed, r.notificationSentAt(), r.supplementSentAt(), r.completedAt())) {
                return false;
            }
            if (r.completedAt() != null && !inOrder(assessed, r.completedAt())) {
                return false;
            }
        }
        return inOrder(triaged, r.completedAt(), r.closedAt());
    }

    /** Each given time at or after the one before it (absent ones skipped). */
    private static boolean inOrder(Instant first, Instant... next) {
        Instant last = first;
        for (Instant t : next) {
            if (t == null) {
                continue;
            }
            if (last != null && t.isBefore(last)) {
                return false;
            }
            last = t;
        }
        return true;
    }
}
