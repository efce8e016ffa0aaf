package se.kvalitet.followup.indicator;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.followup.domain.Enums.DerivedMetric;
import se.kvalitet.followup.domain.Enums.Frequency;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;

/** What the indicator service is asked to do (the resource maps request bodies to these). */
public final class IndicatorCommands {

    private IndicatorCommands() {}

    /** An indicator to create or replace. */
    public record IndicatorCommand(
            String code,
            String name,
            String description,
            String criterionCode,
            UUID goalId,
            UnitOfMeasure unitOfMeasure,
            Method method,
            Frequency frequency,
            String responsibleRole,
            UUID responsibleOrgUnitId,
            Integer decimals,
            boolean genderSplit,
            String koladaKpi,
            List<TargetCommand> targets,
            Integer minResponses,
            DerivedMetric derivedMetric,
            DeviationCategory derivedCategory) {}

    /** A målvärde valid from a period on. */
    public record TargetCommand(
            String validFromPeriod, TargetComparison comparator, BigDecimal value, BigDecimal upper) {}

    /** A quality criterion to create or replace. */
    public record CriterionCommand(
            String code, String nameSv, String nameEn, String description, Integer sortOrder, Boolean active) {}
}
