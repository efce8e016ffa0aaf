package se.kvalitet.registry.risk;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.registry.MeasureKind;
import se.kvalitet.events.registry.MeasureStatus;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;

/** What the risk feature's application service is asked to do (the resource maps its request records to these). */
public final class RiskCommands {

    private RiskCommands() {}

    public record AnalysisCommand(
            String title,
            RiskSubjectKind subjectKind,
            UUID processId,
            UUID activityId,
            String plannedChange,
            UUID orgUnitId,
            LocalDate analysedOn,
            String description,
            List<String> participants,
            RiskAnalysis.Status status) {}

    public record MeasureCommand(
            UUID id,
            MeasureKind kind,
            String description,
            String ownerRole,
            UUID ownerOrgUnitId,
            LocalDate dueDate,
            MeasureStatus status) {}

    public record RiskCommand(
            String description,
            String causes,
            Integer likelihood,
            Integer consequence,
            RiskStatus status,
            LocalDate assessedOn,
            String note,
            List<MeasureCommand> measures) {}

    public record AssessmentCommand(
            String description,
            String causes,
            Integer likelihood,
            Integer consequence,
            RiskStatus status,
            LocalDate assessedOn,
            String note,
            List<MeasureCommand> measures) {}
}
