package se.kvalitet.registry.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.events.registry.ActivityRef;
import se.kvalitet.events.registry.CooperationPartnerKind;
import se.kvalitet.events.registry.DocumentApprovedV1;
import se.kvalitet.events.registry.RequirementRef;
import se.kvalitet.registry.cooperation.CooperationPartner;
import se.kvalitet.registry.requirement.RequirementItem;

/** Builds the document events: ids, codes and dates of a version, never its text. */
@ApplicationScoped
public class DocumentEvents {

    @Inject
    DocumentReferences references;

    public DocumentApprovedV1 approved(Document d, DocumentVersion v, DocumentVersion previous) {
        Map<UUID, RequirementItem> items = references.items(
                v.requirements.stream().map(l -> l.requirementItemId).toList());
        List<RequirementRef> requirements = v.requirements.stream()
                .map(l -> {
                    RequirementItem i = items.get(l.requirementItemId);
                    return new RequirementRef(i.id, i.regulation.code, i.reference, l.followUpMethod);
                })
                .toList();
        Map<UUID, CooperationPartner> partners = references.partners(v.partnerIds);
        List<CooperationPartnerKind> kinds =
                partners.values().stream().map(p -> p.kind).distinct().sorted().toList();
        List<ActivityRef> activities = v.activities.stream()
                .map(a -> new ActivityRef(a.activityId, a.position))
                .toList();
        return new DocumentApprovedV1(
                d.id,
                d.type,
                v.number,
                v.id,
                v.processCategory,
                v.processId,
                v.activityId,
                v.routineId,
                activities,
                v.ownerOrgUnitId,
                DocumentEditing.sorted(v.orgUnitIds),
                DocumentEditing.sorted(v.verksamhetIds),
                requirements,
                kinds,
                DocumentEditing.sorted(v.partnerIds),
                v.decidedBy,
                v.decidedOn,
                v.validFrom,
                v.reviewInterval,
                v.reviewIntervalMonths,
                v.nextReviewDate,
                previous == null ? null : previous.number,
                v.approvedAt);
    }
}
