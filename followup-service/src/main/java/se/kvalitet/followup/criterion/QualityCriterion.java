package se.kvalitet.followup.criterion;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A quality criterion (kvalitetskriterium). Seeded with Socialstyrelsen's six; the list is
 * configurable (a municipality adds its own, e.g. Nacka's "Nöjda och engagerade medarbetare").
 */
@Entity
@Table(name = "quality_criterion")
public class QualityCriterion {

    @Id
    @Column(length = 60)
    public String code;

    @Column(name = "name_sv", nullable = false, length = 200)
    public String nameSv;

    @Column(name = "name_en", nullable = false, length = 200)
    public String nameEn;

    @Column(length = 2000)
    public String description;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
