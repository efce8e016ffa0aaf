package se.kvalitet.registry.document;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.ProcessCategory;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.WithdrawalReason;
import se.kvalitet.web.ProblemException;

/**
 * One numbered version of a {@link Document}. Its lifecycle is an explicit state machine
 * ({@link Status}): edited as DRAFT, locked IN_REVIEW, and immutable once APPROVED (decided by a
 * body on a date, with a diarienummer); then SUPERSEDED by the next approved version or WITHDRAWN.
 * The database refuses changes to a decided version too (migration V4's triggers).
 */
@Entity
@Table(name = "document_version")
public class DocumentVersion {

    /** The lifecycle of a version (dokumentstatus). */
    public enum Status {
        DRAFT,
        IN_REVIEW,
        APPROVED,
        SUPERSEDED,
        WITHDRAWN;

        /** The transitions the lifecycle allows. */
        public Set<Status> next() {
            return switch (this) {
                case DRAFT -> EnumSet.of(IN_REVIEW);
                case IN_REVIEW -> EnumSet.of(DRAFT, APPROVED);
                case APPROVED -> EnumSet.of(SUPERSEDED, WITHDRAWN);
                case SUPERSEDED, WITHDRAWN -> EnumSet.noneOf(Status.class);
            };
        }

        public boolean decided() {
            return this == APPROVED || this == SUPERSEDED || this == WITHDRAWN;
        }
    }

    @Id
    public UUID id;

    @Column(name = "document_id", nullable = false)
    public UUID documentId;

    @Column(nullable = false)
    public int number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(nullable = false, length = 200)
    public String title;

    /** A process's purpose (syfte), otherwise the document's scope or summary. */
    @Column(length = 2000)
    public String summary;

    /** The text in Markdown: a routine's procedure (tillvägagångssätt), a guideline's content. */
    @Column(columnDefinition = "text")
    public String content;

    @Enumerated(EnumType.STRING)
    @Column(name = "process_category", length = 20)
    public ProcessCategory processCategory;

    /** Where the process starts (väl definierad början). */
    @Column(name = "start_point", length = 500)
    public String startPoint;

    /** Where the process ends. */
    @Column(name = "end_point", length = 500)
    public String endPoint;

    /** Whether the process needs samverkan to secure quality (4 kap. 5 §). */
    @Column(name = "requires_cooperation", nullable = false)
    public boolean requiresCooperation;

    @Column(name = "process_id")
    public UUID processId;

    @Column(name = "activity_id")
    public UUID activityId;

    @Column(name = "routine_id")
    public UUID routineId;

    /** The unit whose manager owns the document (dokumentägare). */
    @Column(name = "owner_org_unit_id")
    public UUID ownerOrgUnitId;

    /** The owning role, e.g. "Avdelningschef IFO" (a role, not a person's name). */
    @Column(name = "owner_role", length = 100)
    public String ownerRole;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_interval", nullable = false, length = 20)
    public ReviewInterval reviewInterval;

    @Column(name = "review_interval_months")
    public Integer reviewIntervalMonths;

    @Enumerated(EnumType.STRING)
    @Column(name = "decided_by", length = 30)
    public DecisionBody decidedBy;

    @Column(name = "decision_org_unit_id")
    public UUID decisionOrgUnitId;

    @Column(name = "decided_on")
    public LocalDate decidedOn;

    @Column(length = 60)
    public String diarienummer;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    /** The review date set at approval. */
    @Column(name = "next_review_date")
    public LocalDate nextReviewDate;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "approved_by", length = 100)
    public String approvedBy;

    @Column(name = "superseded_on")
    public LocalDate supersededOn;

    @Column(name = "withdrawn_on")
    public LocalDate withdrawnOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "withdrawal_reason", length = 30)
    public WithdrawalReason withdrawalReason;

    @Column(name = "replaced_by_document_id")
    public UUID replacedByDocumentId;

    /** Text of the activities, responsibilities and checklist items, for the full-text index. */
    @Column(name = "search_extra", nullable = false, columnDefinition = "text")
    public String searchExtra = "";

    @ElementCollection
    @CollectionTable(name = "document_version_org_unit", joinColumns = @JoinColumn(name = "version_id"))
    @Column(name = "org_unit_id", nullable = false)
    public Set<UUID> orgUnitIds = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "document_version_verksamhet", joinColumns = @JoinColumn(name = "version_id"))
    @Column(name = "verksamhet_id", nullable = false)
    public Set<UUID> verksamhetIds = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "document_version_partner", joinColumns = @JoinColumn(name = "version_id"))
    @Column(name = "partner_id", nullable = false)
    public Set<UUID> partnerIds = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "document_version_requirement", joinColumns = @JoinColumn(name = "version_id"))
    @OrderColumn(name = "position")
    public List<RequirementLink> requirements = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "document_version_responsibility", joinColumns = @JoinColumn(name = "version_id"))
    @OrderColumn(name = "position")
    public List<Responsibility> responsibilities = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "document_version_checklist_item", joinColumns = @JoinColumn(name = "version_id"))
    @OrderColumn(name = "position")
    @Column(name = "text", nullable = false, length = 1000)
    public List<String> checklistItems = new ArrayList<>();

    @OneToMany(mappedBy = "version", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<ProcessActivity> activities = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", length = 100)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", length = 100)
    public String updatedBy;

    /** Moves the version along its lifecycle; anything else is a 409 naming the current state. */
    public void moveTo(Status next) {
        if (!status.next().contains(next)) {
            throw ProblemException.conflict("invalid-transition", "A " + status + " version cannot become " + next)
                    .with("currentState", status)
                    .with("allowed", status.next());
        }
        status = next;
    }

    /** Only a DRAFT is edited; a version in review is returned to draft first. */
    public void requireEditable() {
        if (status != Status.DRAFT) {
            throw ProblemException.conflict(
                            "version-not-editable",
                            "Only a draft is edited; this version is " + status
                                    + (status == Status.IN_REVIEW
                                            ? " (return it to draft first)"
                                            : " (start a revision)"))
                    .with("currentState", status);
        }
    }

    /** Records the decision that approves this version (4 kap.: fastställa). */
    public void approve(
            DecisionBody by,
            UUID decisionUnit,
            LocalDate on,
            String dnr,
            LocalDate from,
            LocalDate reviewDate,
            Instant at,
            String who) {
        moveTo(Status.APPROVED);
        decidedBy = by;
        decisionOrgUnitId = decisionUnit;
        decidedOn = on;
        diarienummer = dnr;
        validFrom = from;
        nextReviewDate = reviewDate;
        approvedAt = at;
        approvedBy = who;
    }

    public void supersede(LocalDate on) {
        moveTo(Status.SUPERSEDED);
        supersededOn = on;
    }

    public void withdraw(LocalDate on, WithdrawalReason reason, UUID replacedBy) {
        moveTo(Status.WITHDRAWN);
        withdrawnOn = on;
        withdrawalReason = reason;
        replacedByDocumentId = replacedBy;
    }

    /** A new DRAFT with this version's content (a revision); activities keep their ids. */
    public DocumentVersion revision(int newNumber, Instant at, String who) {
        DocumentVersion v = new DocumentVersion();
        v.id = UUID.randomUUID();
        v.documentId = documentId;
        v.number = newNumber;
        v.status = Status.DRAFT;
        v.title = title;
        v.summary = summary;
        v.content = content;
        v.processCategory = processCategory;
        v.startPoint = startPoint;
        v.endPoint = endPoint;
        v.requiresCooperation = requiresCooperation;
        v.processId = processId;
        v.activityId = activityId;
        v.routineId = routineId;
        v.ownerOrgUnitId = ownerOrgUnitId;
        v.ownerRole = ownerRole;
        v.reviewInterval = reviewInterval;
        v.reviewIntervalMonths = reviewIntervalMonths;
        v.orgUnitIds.addAll(orgUnitIds);
        v.verksamhetIds.addAll(verksamhetIds);
        v.partnerIds.addAll(partnerIds);
        requirements.forEach(
                r -> v.requirements.add(new RequirementLink(r.requirementItemId, r.followUpMethod, r.responsible)));
        responsibilities.forEach(
                r -> v.responsibilities.add(new Responsibility(r.task, r.responsibleRole, r.responsibleOrgUnitId)));
        v.checklistItems.addAll(checklistItems);
        activities.forEach(a -> v.activities.add(a.copyInto(v)));
        v.createdAt = at;
        v.createdBy = who;
        v.updatedAt = at;
        v.updatedBy = who;
        v.refreshSearchText();
        return v;
    }

    /** Renumbers the activities 1..n in list order. */
    public void renumberActivities() {
        for (int i = 0; i < activities.size(); i++) {
            activities.get(i).position = i + 1;
        }
    }

    /** The text of the parts for the full-text index (title, summary and content are indexed directly). */
    public void refreshSearchText() {
        StringBuilder sb = new StringBuilder();
        activities.forEach(a -> sb.append(a.name)
                .append(". ")
                .append(a.description == null ? "" : a.description)
                .append('\n'));
        responsibilities.forEach(r -> sb.append(r.task)
                .append(' ')
                .append(r.responsibleRole == null ? "" : r.responsibleRole)
                .append('\n'));
        checklistItems.forEach(i -> sb.append(i).append('\n'));
        if (startPoint != null) {
            sb.append(startPoint).append('\n');
        }
        if (endPoint != null) {
            sb.append(endPoint).append('\n');
        }
        searchExtra = sb.toString();
    }
}
