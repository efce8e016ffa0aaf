package se.kvalitet.events.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A document in force was not reviewed by its next review date (revision försenad). Published once per document and review date by the review scheduler.
 *
 * @param documentId     the document (aggregate id)
 * @param documentType   its type
 * @param version        the version in force
 * @param nextReviewDate the review date
 * @param ownerOrgUnitId the unit whose manager owns the document; may be null
 * @param orgUnitIds     the units it applies to
 * @param detectedAt     when the scheduler noticed
 */
@EventType(value = DocumentReviewOverdueV1.TYPE, topic = Topics.REGISTRY)
public record DocumentReviewOverdueV1(
        UUID documentId,
        DocumentType documentType,
        int version,
        LocalDate nextReviewDate,
        UUID ownerOrgUnitId,
        List<UUID> orgUnitIds,
        Instant detectedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.registry.document.review.overdue.v1";

    public DocumentReviewOverdueV1 {
        orgUnitIds = orgUnitIds == null ? List.of() : List.copyOf(orgUnitIds);
    }

    @Override
    public String aggregateId() {
        return documentId.toString();
    }
}
