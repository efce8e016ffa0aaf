package se.kvalitet.events.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A document was withdrawn (upphävd): its approved version no longer applies from
 * {@code withdrawnOn} and no version of it is in force any more.
 *
 * @param documentId           the document (aggregate id)
 * @param documentType         its type
 * @param version              the version that was in force
 * @param versionId            that version's id
 * @param reason               why
 * @param replacedByDocumentId for REPLACED: the document that replaces it; else null
 * @param withdrawnOn          the first day it no longer applies
 * @param orgUnitIds           the units it applied to
 * @param withdrawnAt          when it was recorded
 */
@EventType(value = DocumentWithdrawnV1.TYPE, topic = Topics.REGISTRY)
public record DocumentWithdrawnV1(
        UUID documentId,
        DocumentType documentType,
        int version,
        UUID versionId,
        WithdrawalReason reason,
        UUID replacedByDocumentId,
        LocalDate withdrawnOn,
        List<UUID> orgUnitIds,
        Instant withdrawnAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.registry.document.withdrawn.v1";

    public DocumentWithdrawnV1 {
        orgUnitIds = orgUnitIds == null ? List.of() : List.copyOf(orgUnitIds);
    }

    @Override
    public String aggregateId() {
        return documentId.toString();
    }
}
