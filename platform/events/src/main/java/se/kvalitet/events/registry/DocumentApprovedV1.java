package se.kvalitet.events.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A version of a steering document was approved (fastställd) and is now the document's version in
 * force from {@code validFrom}: a complete snapshot of what other services need, without the
 * document's text (its title and procedure text are free text: read them from the API with the
 * user's token). Published by process-registry-service; when an earlier version was in force, a
 * {@link DocumentSupersededV1} for it follows in the same transaction.
 *
 * @param documentId             the document (aggregate id); stable across versions
 * @param documentType           process, routine, guideline, checklist or cooperation agreement
 * @param version                the approved version's number, from 1
 * @param versionId              the immutable version's id
 * @param processCategory        for a process: core, support or management; else null
 * @param processId              for a routine, guideline or checklist that belongs to a process: the process; else null
 * @param activityId             for a routine (or checklist) of an activity: the activity (one of the process's {@code activities}); else null
 * @param routineId              for a checklist that belongs to a routine: the routine; else null
 * @param activities             for a process: its activities in order; else empty
 * @param ownerOrgUnitId         the unit whose manager owns the document (dokumentägare); may be null
 * @param orgUnitIds             the units it applies to (it applies to every unit under them too)
 * @param verksamhetIds          the verksamheter it applies to; may be empty
 * @param requirements           the requirement items it satisfies, with the follow-up method of each
 * @param cooperationPartnerKinds for documents that need samverkan (4 kap. 5 §): the kinds of partner, sorted
 * @param cooperationPartnerIds  the registry's cooperation partners it names
 * @param decidedBy              which body approved it (beslutsinstans)
 * @param decidedOn              the date of the decision
 * @param validFrom              the first day it is in force (on or after decidedOn)
 * @param reviewInterval         how often it is reviewed
 * @param reviewIntervalMonths   for {@code MONTHS}: the number of months; else null
 * @param nextReviewDate         when it is next due for review; null for ON_DEMAND
 * @param supersedesVersion      the version this one replaces, or null for the first approval
 * @param approvedAt             when the approval was recorded
 */
@EventType(value = DocumentApprovedV1.TYPE, topic = Topics.REGISTRY)
public record DocumentApprovedV1(
        UUID documentId,
        DocumentType documentType,
        int version,
        UUID versionId,
        ProcessCategory processCategory,
        UUID processId,
        UUID activityId,
        UUID routineId,
        List<ActivityRef> activities,
        UUID ownerOrgUnitId,
        List<UUID> orgUnitIds,
        List<UUID> verksamhetIds,
        List<RequirementRef> requirements,
        List<CooperationPartnerKind> cooperationPartnerKinds,
        List<UUID> cooperationPartnerIds,
        DecisionBody decidedBy,
        LocalDate decidedOn,
        LocalDate validFrom,
        ReviewInterval reviewInterval,
        Integer reviewIntervalMonths,
        LocalDate nextReviewDate,
        Integer supersedesVersion,
        Instant approvedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.registry.document.approved.v1";

    public DocumentApprovedV1 {
        activities = activities == null ? List.of() : List.copyOf(activities);
        orgUnitIds = orgUnitIds == null ? List.of() : List.copyOf(orgUnitIds);
        verksamhetIds = verksamhetIds == null ? List.of() : List.copyOf(verksamhetIds);
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        cooperationPartnerKinds = cooperationPartnerKinds == null ? List.of() : List.copyOf(cooperationPartnerKinds);
        cooperationPartnerIds = cooperationPartnerIds == null ? List.of() : List.copyOf(cooperationPartnerIds);
    }

    @Override
    public String aggregateId() {
        return documentId.toString();
    }
}
