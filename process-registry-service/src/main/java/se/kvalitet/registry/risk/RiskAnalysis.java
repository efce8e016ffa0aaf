package se.kvalitet.registry.risk;

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
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.registry.RiskSubjectKind;

/**
 * A risk analysis (riskanalys, SOSFS 2011:9 5 kap. 1 §) of a process, an activity or a planned
 * change, made for an org unit by the people who took part: the aggregate of its {@link Risk}s.
 * Its {@link #version} is the ETag; adding or re-assessing a risk moves it.
 */
@Entity
@Table(name = "risk_analysis")
public class RiskAnalysis {

    public enum Status {
        OPEN,
        COMPLETED
    }

    @Id
    public UUID id;

    @Version
    public long version;

    @Column(nullable = false, length = 200)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_kind", nullable = false, length = 20)
    public RiskSubjectKind subjectKind;

    @Column(name = "process_id")
    public UUID processId;

    @Column(name = "activity_id")
    public UUID activityId;

    /** What change is planned (riskanalys inför förändring). */
    @Column(name = "planned_change", length = 2000)
    public String plannedChange;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(name = "analysed_on", nullable = false)
    public LocalDate analysedOn;

    @Column(length = 4000)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    /** Who took part (roles or names): kept here only, never published. */
    @ElementCollection
    @CollectionTable(name = "risk_analysis_participant", joinColumns = @JoinColumn(name = "analysis_id"))
    @OrderColumn(name = "position")
    @Column(name = "participant", nullable = false, length = 200)
    public List<String> participants = new ArrayList<>();

    @OneToMany(mappedBy = "analysis", cascade = CascadeType.ALL)
    @OrderBy("position")
    public List<Risk> risks = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", length = 100)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", length = 100)
    public String updatedBy;
}
