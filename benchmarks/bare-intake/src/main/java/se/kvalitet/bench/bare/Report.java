package se.kvalitet.bench.bare;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A received report, as a plain JPA entity. */
@Entity
@Table(name = "report")
public class Report {

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
    @CollectionTable(name = "report_involved_unit", joinColumns = @JoinColumn(name = "report_id"))
    @Column(name = "org_unit_id")
    public Set<UUID> involvedOrgUnitIds = new LinkedHashSet<>();

    @Column(name = "suggested_category", length = 40)
    public String suggestedCategory;

    @Column(name = "immediate_actions", length = 4000)
    public String immediateActions;

    @Column(name = "external_source", length = 100)
    public String externalSource;

    @Column(name = "external_id", length = 200)
    public String externalId;

    @Column(name = "affected_person_ref", length = 100)
    public String affectedPersonRef;

    @Column(name = "reporter_subject", nullable = false)
    public String reporterSubject;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;
}
