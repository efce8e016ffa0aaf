package se.kvalitet.events.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * An approved version of a document is no longer in force because a newer version of the same
 * document was approved (published right after that version's {@link DocumentApprovedV1}).
 *
 * @param documentId          the document (aggregate id)
 * @param documentType        its type
 * @param version             the superseded version's number
 * @param versionId           the superseded version's id
 * @param supersededByVersion the version now in force
 * @param supersededOn        the first day the superseded version no longer applies (the new version's validFrom)
 * @param orgUnitIds          the units the superseded version applied to
 * @param supersededAt        when it was recorded
 */
@EventType(value = DocumentSupersededV1.TYPE, topic = Topics.REGISTRY)
public record DocumentSupersededV1(
        UUID documentId,
        DocumentType documentType,
        int version,
        UUID versionId,
        int supersededByVersion,
        LocalDate supersededOn,
        List<UUID> orgUnitIds,
        Instant supersededAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.registry.document.superseded.v1";

    public DocumentSupersededV1 {
        orgUnitIds = orgUnitIds == null ? List.of() : List.copyOf(orgUnitIds);
    }

    @Override
    public String aggregateId() {
        return documentId.toString();
    }
}
