package se.kvalitet.followup.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.kvalitet.web.Problem.FieldError;

/**
 * One kind of row the history import takes (a past quality initiative, a past egenkontroll occurrence): its fields,
 * its checks and how an accepted row is replayed through the feature's live rules. {@link HistoryImport} owns the
 * rest (reading the file, the source reference, idempotency, the run and its rows). The checks must not write, and
 * must not call a {@code @Transactional} method that throws (that would mark the run's transaction for rollback):
 * they add to {@code errors}.
 *
 * @param <C> a checked row, ready to be stored
 */
public interface HistoryKind<C> {

    /** The kind's name in the run and the references (QUALITY_INITIATIVE, EGENKONTROLL_OCCURRENCE). */
    String name();

    /** The row's fields beside {@code sourceSystem} and {@code sourceId}, in the order of a CSV header. */
    List<String> fields();

    /** The row's form and references, as the live API checks them; null (or anything) when it adds errors. */
    C check(RowFields row);

    /** What the row records, as text: the same reference with the same digest is the same row again. */
    String digest(C row);

    /**
     * What the row would clash with in the file ({@code sameKey}: two rows of one file that cannot both be stored, as
     * the plan and due day of an occurrence), or null when nothing.
     */
    default String sameKey(C row) {
        return null;
    }

    /** The field named when a row has the {@link #sameKey} of an earlier row, and why. */
    default FieldError sameAs(int earlierRow) {
        return new FieldError("row", "the same record as row " + earlierRow);
    }

    /** What is stored here already that the row may not overwrite; empty when nothing. */
    List<FieldError> clash(C row);

    /** Stores the row through the feature's live rules at its own dates, with its events; returns the record's id. */
    UUID store(C row, Provenance provenance);

    /** Where an imported record comes from (kept on the record), and who imports it when. */
    record Provenance(String sourceSystem, String sourceId, UUID importRunId, String importedBy, Instant now) {}
}
