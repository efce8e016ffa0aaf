package se.kvalitet.deviation.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.deviation.domain.CategoryPolicies;
import se.kvalitet.deviation.domain.CategoryPolicy;
import se.kvalitet.deviation.domain.TrackKind;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;

/**
 * A track a report runs after triage: lex Sarah, lex Maria, personal data breach, complaint,
 * other deviation, or "not a deviation here". A reclassification that takes a category away ends
 * its track as {@link DeviationTrackClosedV1.Closure#RECLASSIFIED}; the row stays as history.
 */
@Entity
@Table(name = "deviation_track")
public class DeviationTrack {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "deviation_id")
    public Deviation deviation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public DeviationCategory category;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public DeviationTrackClosedV1.Closure closure;

    /** The username of the investigator the quality team assigned, if any. */
    @Column(length = 200)
    public String investigator;

    /** The concluding assessment: lex Sarah and lex Maria (see {@link Assessment}). */
    @Enumerated(EnumType.STRING)
    @Column(length = 40)
    public Assessment assessment;

    /** Lex Sarah: allvarligt missförhållande; lex Maria: the assessment is reportable. */
    public Boolean serious;

    /** When the track was first assessed as serious/reportable: the IVO notification clock starts here. */
    @Column(name = "serious_since")
    public Instant seriousSince;

    @Column(name = "assessed_at")
    public Instant assessedAt;

    @Column(name = "assessed_by", length = 200)
    public String assessedBy;

    /** The closing position (ställningstagande) or, for other deviations, the analysis. */
    @Column(name = "position_text", length = 10000)
    public String positionText;

    @Column(name = "position_by", length = 200)
    public String positionBy;

    @OneToMany(mappedBy = "track", fetch = FetchType.LAZY)
    @OrderBy("createdAt, id")
    public List<InvestigationEntry> entries = new ArrayList<>();

    @OneToMany(mappedBy = "track", fetch = FetchType.LAZY)
    @OrderBy("createdAt, id")
    public List<AuthorityNotification> notifications = new ArrayList<>();

    @Column(name = "updated_at")
    public Instant updatedAt;

    // personal data breach (GDPR art. 33-34)

    /** When the organisation became aware of the breach: the IMY 72 h clock starts here. */
    @Column(name = "aware_at")
    public Instant awareAt;

    /** Approximate number of data subjects affected. */
    @Column(name = "affected_count")
    public Integer affectedCount;

    /** Categories of personal data concerned, comma-separated {@link DataCategory} names. */
    @Column(name = "data_categories", length = 500)
    public String dataCategories;

    @Column(name = "data_subjects_notified_at")
    public Instant dataSubjectsNotifiedAt;

    /** Why the data subjects of a high-risk breach were not told (art. 34.3). */
    @Column(name = "data_subjects_not_notified_reason", length = 4000)
    public String dataSubjectsNotNotifiedReason;

    // complaints and suggestions (SOSFS 2011:9 5 kap 3-5 §§)

    @Enumerated(EnumType.STRING)
    @Column(name = "complaint_kind", length = 20)
    public se.kvalitet.events.deviation.ComplaintKind complaintKind;

    @Enumerated(EnumType.STRING)
    @Column(name = "complaint_source", length = 40)
    public se.kvalitet.events.deviation.ComplaintSource complaintSource;

    @Enumerated(EnumType.STRING)
    @Column(name = "complaint_channel", length = 20)
    public se.kvalitet.events.deviation.ComplaintChannel complaintChannel;

    /** An anonymous complainant gets no acknowledgement or answer. */
    public Boolean anonymous;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    /** The answer sent to the complainant. */
    @Column(name = "answer_text", length = 10000)
    public String answerText;

    /** Whether handling found that a deviation occurred. */
    @Column(name = "deviation_occurred")
    public Boolean deviationOccurred;

    /** Complaint: the track of this report the complaint became, when a deviation occurred. */
    @Column(name = "linked_track_id")
    public UUID linkedTrackId;

    /** Complaint: another report the complaint became (or was already), when a deviation occurred. */
    @Column(name = "linked_deviation_id")
    public UUID linkedDeviationId;

    /** Categories of personal data in a breach. */
    public enum DataCategory {
        IDENTITY,
        CONTACT,
        HEALTH,
        SOCIAL_CIRCUMSTANCES,
        FINANCIAL,
        PROTECTED_IDENTITY,
        OTHER
    }

    @Version
    public long version;

    public boolean isOpen() {
        return closedAt == null;
    }

    /** What a track of this category requires (sections, assessments, authority, clocks). */
    public CategoryPolicy policy() {
        return CategoryPolicies.of(category);
    }

    /** Tracks that are investigated with dated entries and end in a position. */
    public boolean isInvestigated() {
        return policy().trackKind() == TrackKind.INVESTIGATION;
    }

    /** Whether the assessment requires a notification: IVO for lex Sarah/Maria when serious, IMY for a risky breach. */
    public boolean reportable() {
        return policy().reportable(assessment, serious);
    }

    /** OPEN (not yet handled by this service's track workflow), INVESTIGATING, ASSESSED, or how it ended. */
    public String state() {
        if (closure != null) {
            return closure.name();
        }
        if (policy().trackKind() == TrackKind.COMPLAINT) {
            if (receivedAt == null) {
                return "OPEN";
            }
            return answeredAt != null ? "ANSWERED" : acknowledgedAt != null ? "ACKNOWLEDGED" : "RECEIVED";
        }
        if (!isInvestigated()) {
            return "OPEN";
        }
        return assessment == null ? "INVESTIGATING" : "ASSESSED";
    }

    /** When the notification clock starts: awareness (breach) or the serious assessment (lex Sarah, lex Maria). */
    public Instant notificationClockStart() {
        return policy().notificationClockFromAwareness() ? awareAt : seriousSince;
    }

    public java.util.Optional<AuthorityNotification> initialNotification() {
        return notifications.stream()
                .filter(n -> n.kind == se.kvalitet.events.deviation.NotificationKind.INITIAL)
                .findFirst();
    }
}
