package se.kvalitet.registry.risk;

import jakarta.persistence.CascadeType;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.registry.RiskMatrixClass;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.registry.domain.RiskMatrix;
import se.kvalitet.web.ProblemException;

/**
 * One possible event of a risk analysis: what could happen and why, how likely (1-4) and how
 * serious (1-4) it is by its latest assessment, and the measures against it. Each assessment is
 * kept in {@link RiskAssessment}.
 */
@Entity
@Table(name = "risk")
public class Risk {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "analysis_id", nullable = false)
    public RiskAnalysis analysis;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 2000)
    public String description;

    @Column(length = 4000)
    public String causes;

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

    /** How many assessments it has had (the latest one's number). */
    @Column(nullable = false)
    public int assessments;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate assessedOn;

    @OneToMany(mappedBy = "risk", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<RiskMeasure> measures = new ArrayList<>();

    /** Records an assessment: the new levels, class and status; a re-assessment may not predate the last one. */
    public RiskAssessment assess(
            int newLikelihood, int newConsequence, RiskStatus newStatus, LocalDate on, RiskMatrix matrix) {
        if (assessments > 0 && on.isBefore(assessedOn)) {
            throw ProblemException.invalidField(
                    "assessedOn", "cannot be before the previous assessment (" + assessedOn + ")");
        }
        RiskAssessment a = new RiskAssessment();
        a.id = UUID.randomUUID();
        a.riskId = id;
        a.number = assessments + 1;
        a.previousClass = assessments == 0 ? null : matrixClass;
        likelihood = newLikelihood;
        consequence = newConsequence;
        score = RiskMatrix.score(newLikelihood, newConsequence);
        matrixClass = matrix.classOf(score);
        status = newStatus;
        assessedOn = on;
        assessments = a.number;
        a.likelihood = likelihood;
        a.consequence = consequence;
        a.score = score;
        a.matrixClass = matrixClass;
        a.status = status;
        a.assessedOn = on;
        return a;
    }
}
