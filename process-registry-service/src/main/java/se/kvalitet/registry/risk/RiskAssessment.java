package se.kvalitet.registry.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.registry.RiskMatrixClass;
import se.kvalitet.events.registry.RiskStatus;

/** One (re-)assessment of a risk as it was made: append-only history (the database refuses changes). */
@Entity
@Table(name = "risk_assessment")
public class RiskAssessment {

    @Id
    public UUID id;

    @Column(name = "risk_id", nullable = false)
    public UUID riskId;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public int likelihood;

    @Column(nullable = false)
    public int consequence;

    @Column(nullable = false)
    public int score;

    @Enumerated(EnumType.STRING)
    @Column(name = "matrix_class", nullable = false, length = 20)
    public RiskMatrixClass matrixClass;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public RiskStatus status;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate assessedOn;

    @Column(length = 2000)
    public String note;

    /** The measures as they stood, as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String measures;

    @Column(name = "assessed_at", nullable = false)
    public Instant assessedAt;

    @Column(name = "assessed_by", length = 100)
    public String assessedBy;

    /** The class before this assessment (for the event); not stored, the previous row has it. */
    @Transient
    public RiskMatrixClass previousClass;
}
