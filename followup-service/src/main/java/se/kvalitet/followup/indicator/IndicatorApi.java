package se.kvalitet.followup.indicator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.followup.domain.Enums.DerivedMetric;
import se.kvalitet.followup.domain.Enums.Frequency;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;

/** Request and response bodies of indicators (nyckeltal) and their målvärden. */
public final class IndicatorApi {

    public static final String PERIOD_PATTERN = "^[0-9]{4}(-(H[12]|T[1-3]|Q[1-4]|0[1-9]|1[0-2]))?$";

    private IndicatorApi() {}

    @Schema(name = "IndicatorRequest", description = "An indicator (nyckeltal) to create or replace")
    public record IndicatorRequest(
            @Schema(description = "Stable short code, unique", example = "MYN-DELAKTIGHET")
            @NotBlank
            @Size(max = 60)
            @Pattern(regexp = "^[A-Za-z0-9._-]+$", message = "letters, digits, dot, dash and underscore only")
            String code,

            @Schema(example = "Upplevelse av att kunna påverka handläggningen av sitt ärende")
            @NotBlank
            @Size(max = 300)
            String name,

            @Size(max = 4000) String description,

            @Schema(
                    description = "Quality criterion (kvalitetskriterium) code",
                    example = "SELF_DETERMINATION_INTEGRITY")
            @NotBlank
            @Size(max = 60)
            String criterionCode,

            @Schema(description = "Goal the indicator follows up")
            UUID goalId,

            @NotNull UnitOfMeasure unitOfMeasure,
            @NotNull Method method,
            @NotNull Frequency frequency,

            @Schema(
                    description = "Responsible role (ansvarig), not a person",
                    example = "Gruppchef uppföljningsgruppen")
            @Size(max = 200)
            String responsibleRole,

            UUID responsibleOrgUnitId,

            @Schema(description = "Decimals shown and compared", example = "1") @NotNull @Min(0) @Max(6)
            Integer decimals,

            @Schema(description = "Whether values are split by gender (K/M) besides the total (T)")
            boolean genderSplit,

            @Schema(description = "Kolada KPI id for comparison series", example = "U28532") @Size(max = 20)
            String koladaKpi,

            @Schema(description = "Målvärden, each valid from a period on") @Size(max = 50)
            List<@NotNull @Valid TargetRequest> targets,

            @Schema(
                    description =
                            "A value backed by fewer answers is shown as missing (TOO_FEW_RESPONSES); its parts still roll up",
                    example = "5")
            @Min(1)
            @Max(100000)
            Integer minResponses,

            @Schema(
                    description =
                            "For method DERIVED_FROM_EVENTS: the deviation-event metric the values are computed from")
            DerivedMetric derivedMetric,

            @Schema(description = "For DEVIATION_COUNT: count only reports of this category")
            DeviationCategory derivedCategory) {

        /** The command this request asks for. */
        public IndicatorCommands.IndicatorCommand toCommand() {
            return new IndicatorCommands.IndicatorCommand(
                    code,
                    name,
                    description,
                    criterionCode,
                    goalId,
                    unitOfMeasure,
                    method,
                    frequency,
                    responsibleRole,
                    responsibleOrgUnitId,
                    decimals,
                    genderSplit,
                    koladaKpi,
                    targets == null
                            ? null
                            : targets.stream().map(TargetRequest::toCommand).toList(),
                    minResponses,
                    derivedMetric,
                    derivedCategory);
        }
    }

    @Schema(name = "TargetRequest", description = "A målvärde valid from the start of a period until the next one")
    public record TargetRequest(
            @Schema(example = "2024")
            @NotNull
            @Pattern(
                    regexp = PERIOD_PATTERN,
                    message = "must be a period such as 2025, 2025-H1, 2025-T2, 2025-Q3 or 2025-04")
            String validFromPeriod,

            @NotNull TargetComparison comparator,

            @Schema(description = "Target, or lower bound for BETWEEN, or N for AT_LEAST_PER_GROUP", example = "4")
            @NotNull
            @DecimalMin("-1000000000")
            @DecimalMax("1000000000")
            BigDecimal value,

            @Schema(description = "Upper bound, only for BETWEEN") @DecimalMin("-1000000000") @DecimalMax("1000000000")
            BigDecimal upper) {

        /** The command this request asks for. */
        public IndicatorCommands.TargetCommand toCommand() {
            return new IndicatorCommands.TargetCommand(validFromPeriod, comparator, value, upper);
        }
    }

    @Schema(name = "Indicator", description = "An indicator (nyckeltal) with its målvärden")
    public record IndicatorResponse(
            UUID id,
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
            int decimals,
            boolean genderSplit,
            String koladaKpi,
            Integer minResponses,
            DerivedMetric derivedMetric,
            DeviationCategory derivedCategory,
            List<TargetView> targets,
            Instant createdAt,
            Instant updatedAt) {}

    @Schema(name = "QualityCriterionRequest", description = "A quality criterion (kvalitetskriterium)")
    public record CriterionRequest(
            @Schema(example = "STAFF_ENGAGEMENT")
            @NotBlank
            @Size(max = 60)
            @Pattern(regexp = "^[A-Z0-9_]+$", message = "upper-case letters, digits and underscore")
            String code,

            @Schema(example = "Nöjda och engagerade medarbetare") @NotBlank @Size(max = 200)
            String nameSv,

            @Schema(example = "Satisfied and engaged staff") @NotBlank @Size(max = 200)
            String nameEn,

            @Size(max = 2000) String description,
            @NotNull @Min(0) @Max(10000) Integer sortOrder,
            @NotNull Boolean active) {

        /** The command this request asks for. */
        public IndicatorCommands.CriterionCommand toCommand() {
            return new IndicatorCommands.CriterionCommand(code, nameSv, nameEn, description, sortOrder, active);
        }
    }

    @Schema(name = "QualityCriterion")
    public record CriterionResponse(
            String code,
            String nameSv,
            String nameEn,
            String description,
            int sortOrder,
            boolean active,

            @Schema(description = "The version to send in If-Match when changing it")
            long version) {}
}
