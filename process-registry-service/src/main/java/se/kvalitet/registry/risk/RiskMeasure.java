package se.kvalitet.registry.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.registry.MeasureKind;
import se.kvalitet.events.registry.MeasureStatus;

/**
 * A measure against a risk (åtgärd): act now, follow up in an egenkontroll, or take into the
 * internal control plan (seed 004 §7), with its owner (a role and/or unit) and due date.
 */
@Entity
@Table(name = "risk_measure")
public class RiskMeasure {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "risk_id", nullable = false)
    public Risk risk;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public MeasureKind kind;

    @Column(nullable = false, length = 2000)
    public String description;

    @Column(name = "owner_role", length = 200)
    public String ownerRole;

    @Column(name = "owner_org_unit_id")
    public UUID ownerOrgUnitId;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public MeasureStatus status;
}
