package se.kvalitet.registry.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.registry.MeasureKind;
import se.kvalitet.events.registry.MeasureStatus;
import se.kvalitet.events.registry.RiskMatrixClass;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;

/** The risk analysis read models (what RiskService returns for reads; served as the response bodies). */
public final class RiskViews {

    private RiskViews() {}

    @Schema(name = "Measure")
    public record MeasureResponse(
            UUID id,
            MeasureKind kind,
            String description,
            String ownerRole,
            UUID ownerOrgUnitId,
            LocalDate dueDate,
            MeasureStatus status) {}

    @Schema(name = "Risk", description = "A risk as its latest assessment has it")
    public record RiskResponse(
            UUID id,
            String description,
            String causes,
            int likelihood,
            int consequence,
            int score,
            RiskMatrixClass matrixClass,
            RiskStatus status,

            @Schema(description = "The latest assessment's number")
            int assessment,

            LocalDate assessedOn,
            List<MeasureResponse> measures) {}

    @Schema(name = "RiskAssessment", description = "One assessment as it was made, with the measures as they stood")
    public record AssessmentResponse(
            int number,
            int likelihood,
            int consequence,
            int score,
            RiskMatrixClass matrixClass,
            RiskStatus status,
            LocalDate assessedOn,
            String note,
            List<MeasureResponse> measures,
            Instant assessedAt) {}

    @Schema(name = "RiskAnalysis")
    public record AnalysisResponse(
            UUID id,
            String title,
            RiskSubjectKind subjectKind,
            UUID processId,
            UUID activityId,
            String plannedChange,
            UUID orgUnitId,
            LocalDate analysedOn,
            String description,
            List<String> participants,
            RiskAnalysis.Status status,
            List<RiskResponse> risks,

            @Schema(description = "Risks by matrix class (closed ones left out)")
            Map<RiskMatrixClass, Integer> byClass,

            Instant createdAt,
            Instant updatedAt) {}

    @Schema(name = "RiskAnalysisListItem")
    public record AnalysisListItem(
            UUID id,
            String title,
            RiskSubjectKind subjectKind,
            UUID processId,
            UUID activityId,
            UUID orgUnitId,
            LocalDate analysedOn,
            RiskAnalysis.Status status,
            int risks,

            @Schema(description = "The highest class among its open risks; null when none")
            RiskMatrixClass highestClass,

            Instant updatedAt) {}

    @Schema(name = "RiskMatrixCell", description = "One cell of the 4×4 matrix")
    public record MatrixCell(int likelihood, int consequence, int score, RiskMatrixClass matrixClass, long count) {}

    @Schema(
            name = "RiskMatrix",
            description =
                    "The risks of the analyses of a unit and the units under it, as their latest "
                            + "assessment on asOf had them, counted per cell and class (classes from the thresholds configured now)")
    public record MatrixResponse(
            UUID orgUnitId,
            LocalDate asOf,
            boolean includeClosed,

            @Schema(description = "The lowest score of each class")
            Map<RiskMatrixClass, Integer> thresholds,

            List<MatrixCell> cells,
            Map<RiskMatrixClass, Long> byClass,
            long total,
            long analyses) {}
}
