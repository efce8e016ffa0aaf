package se.kvalitet.followup.goal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import se.kvalitet.followup.domain.Enums.GoalLevel;

/** A goal: overarching (övergripande mål) → board goal (nämndmål) → operational goal of a unit (verksamhetsmål). */
@Entity
@Table(name = "goal")
public class Goal {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public GoalLevel level;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "org_unit_id")
    public UUID orgUnitId;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(length = 4000)
    public String description;

    @Column(name = "criterion_code", length = 60)
    public String criterionCode;

    @Column(name = "valid_from")
    public Integer validFrom;

    @Column(name = "valid_to")
    public Integer validTo;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
