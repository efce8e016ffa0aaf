package se.kvalitet.registry.document;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.UUID;
import se.kvalitet.events.registry.FollowUpMethod;

/**
 * A requirement item a document version satisfies, how that is followed up and who answers for
 * the follow-up: one row of seed 002's matrix (krav, rutin, uppföljning/metod, ansvar).
 */
@Embeddable
public class RequirementLink {

    @Column(name = "requirement_item_id", nullable = false)
    public UUID requirementItemId;

    @Enumerated(EnumType.STRING)
    @Column(name = "follow_up_method", length = 30)
    public FollowUpMethod followUpMethod;

    /** The role answering for it, e.g. "Enhetschef" (a role, not a person). */
    @Column(length = 200)
    public String responsible;

    public RequirementLink() {}

    public RequirementLink(UUID requirementItemId, FollowUpMethod followUpMethod, String responsible) {
        this.requirementItemId = requirementItemId;
        this.followUpMethod = followUpMethod;
        this.responsible = responsible;
    }
}
