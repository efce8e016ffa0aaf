package se.kvalitet.deviation.report;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;

/**
 * A report of a deviation (avvikelse): something that brought, or could have brought, something
 * unwanted (SOSFS 2011:9 5 kap 6 §). Every employee must report (SoL 14 kap 2 §); reports also
 * come from case-management systems.
 */
@Entity
@Table(name = "deviation")
public class Deviation {

    /** Swedish local time decides which day something happened on. */
    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String summary;

    @Column(nullable = false, length = 10000)
    public String description;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "noticed_at")
    public Instant noticedAt;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "deviation_involved_unit", joinColumns = @JoinColumn(name = "deviation_id"))
    @Column(name = "org_unit_id")
    public Set<UUID> involvedOrgUnitIds = new LinkedHashSet<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "suggested_category", length = 40)
    public DeviationCategory suggestedCategory;

    @Column(name = "immediate_actions", length = 4000)
    public String immediateActions;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Channel channel;

    /** The token subject of whoever filed it: a person or a machine client. */
    @Column(name = "reporter_subject", nullable = false, length = 200)
    public String reporterSubject;

    @Column(name = "reporter_client", length = 200)
    public String reporterClient;

    @Column(name = "external_source", length = 100)
    public String externalSource;

    @Column(name = "external_id", length = 200)
    public String externalId;

    /** Pseudonymous reference to the person affected, from the source system; never a personnummer. */
    @Column(name = "affected_person_ref", length = 100)
    public String affectedPersonRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public Status status;

    /** Tracks opened by triage, current and ended, oldest first. */
    @OneToMany(mappedBy = "deviation", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("openedAt, category")
    public List<DeviationTrack> tracks = new ArrayList<>();

    @Column(name = "triaged_at")
    public Instant triagedAt;

    /** The closing summary written for the reporter (återkoppling). */
    @Column(name = "feedback_to_reporter", length = 4000)
    public String feedbackToReporter;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** How the report arrived. */
    public enum Channel {
        STAFF,
        CASE_SYSTEM
    }

    /** The report's stage as the reporter sees it. */
    public enum Status {
        /** Received, waiting for triage by the quality team. */
        RECEIVED("Mottagen, väntar på bedömning"),
        /** Triaged into one or more tracks that are being handled. */
        IN_PROGRESS("Under handläggning"),
        /** Every track ended; the reporter has a closing summary. */
        CLOSED("Avslutad");

        /** What the reporter is told, in Swedish. */
        public final String swedish;

        Status(String swedish) {
            this.swedish = swedish;
        }
    }

    /** The categories the report has now (tracks not taken away by a reclassification), sorted. */
    public List<DeviationCategory> categories() {
        return tracks.stream()
                .filter(t -> t.closure != DeviationTrackClosedV1.Closure.RECLASSIFIED)
                .map(t -> t.category)
                .distinct()
                .sorted()
                .toList();
    }

    public List<DeviationTrack> openTracks() {
        return tracks.stream().filter(t -> t.closedAt == null).toList();
    }

    /** Files a new report and returns the event that records it. */
    public static DeviationReportedV1 report(Deviation d, Instant now) {
        d.status = Status.RECEIVED;
        d.createdAt = now;
        d.updatedAt = now;
        d.involvedOrgUnitIds.remove(d.orgUnitId);
        return new DeviationReportedV1(
                d.id,
                d.orgUnitId,
                List.copyOf(d.involvedOrgUnitIds),
                d.channel.name(),
                d.suggestedCategory,
                LocalDate.ofInstant(d.occurredAt, SWEDEN),
                now);
    }
}
