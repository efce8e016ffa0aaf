package se.kvalitet.events.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * The owner reviewed the version in force and found it current without changes: the review is done
 * and the next one is scheduled (a review that changes the document is a new version and a
 * {@link DocumentApprovedV1} instead). Clears a due or overdue review.
 *
 * @param documentId         the document (aggregate id)
 * @param documentType       its type
 * @param version            the version reviewed (still in force)
 * @param reviewedOn         the day of the review
 * @param previousReviewDate the review date that was due
 * @param nextReviewDate     the next review date; null for ON_DEMAND
 * @param reviewedAt         when it was recorded
 */
@EventType(value = DocumentReviewedV1.TYPE, topic = Topics.REGISTRY)
public record DocumentReviewedV1(
        UUID documentId,
        DocumentType documentType,
        int version,
        LocalDate reviewedOn,
        LocalDate previousReviewDate,
        LocalDate nextReviewDate,
        Instant reviewedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.registry.document.reviewed.v1";

    @Override
    public String aggregateId() {
        return documentId.toString();
    }
}
