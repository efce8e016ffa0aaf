package se.kvalitet.followup.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.followup.derived.DerivedIndicators;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Enums.Status;
import se.kvalitet.followup.domain.Enums.Trend;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;
import se.kvalitet.followup.domain.Evaluator;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.followup.indicator.IndicatorTarget;
import se.kvalitet.followup.indicator.TargetView;
import se.kvalitet.orgcopy.OrgTree;

/**
 * The read models of evaluations (utvärdering mot målvärden) and derived deviation statistics, as
 * {@link EvaluationQueries} returns them; the resource serves them as they are (their schema names
 * are the API's).
 */
public final class EvaluationViews {

    private EvaluationViews() {}

    @Schema(
            name = "Evaluation",
            description = "An indicator at an org unit for a period: met / not met / no data against the målvärde, "
                    + "the distance to it and the trend against the previous period")
    public record EvaluationResponse(
            UUID indicatorId,
            String indicatorCode,
            String indicatorName,
            UnitOfMeasure unitOfMeasure,
            UUID orgUnitId,
            String orgUnitName,
            String period,
            Gender gender,

            @Schema(description = "MET, NOT_MET, NO_DATA, or NO_TARGET when no målvärde is valid for the period")
            Status status,

            @Schema(description = "The value as compared: rounded to the indicator's decimals; null without data")
            BigDecimal value,

            @Schema(description = "A share's summed numerator (roll-ups add numerators, never percentages)")
            BigDecimal numerator,

            BigDecimal denominator,

            @Schema(description = "Answers or cases behind the value")
            Long responses,

            @Schema(
                    description =
                            "MEASURED (the unit's own), ROLLED_UP (from the units below), DERIVED (deviation events) or NONE")
            Evaluator.Basis basis,

            @Schema(description = "Units whose own measurements the value combines")
            int contributingUnits,

            @Schema(
                    description =
                            "Units with a value that could not be weighed (no numerator/denominator or responses)")
            int excludedUnits,

            @Schema(
                    description =
                            "Why there is no value: as recorded, or TOO_FEW_RESPONSES under the indicator's minimum")
            MissingReason missingReason,

            TargetView target,

            @Schema(
                    description =
                            "Value minus the nearest acceptable value: 0 when met, negative below, positive above")
            BigDecimal distance,

            String previousPeriod,
            BigDecimal previousValue,

            @Schema(
                    description =
                            "IMPROVED, UNCHANGED or WORSENED in the direction of the målvärde; UNKNOWN without both values or a target")
            Trend trend,

            @Schema(description = "Value minus the previous value")
            BigDecimal change) {

        public static EvaluationResponse of(EvaluationService.Row r, OrgTree tree) {
            Evaluator.Result res = r.result();
            Evaluator.Figure f = r.figure();
            boolean shown = res.value() != null;
            IndicatorTarget t = r.target();
            return new EvaluationResponse(
                    r.indicator().id,
                    r.indicator().code,
                    r.indicator().name,
                    r.indicator().unitOfMeasure,
                    r.orgUnitId(),
                    tree.name(r.orgUnitId()),
                    r.period().code(),
                    r.gender(),
                    res.status(),
                    Numbers.plain(res.value()),
                    shown && f != null ? Numbers.plain(f.numerator()) : null,
                    shown && f != null ? Numbers.plain(f.denominator()) : null,
                    shown && f != null ? f.responses() : null,
                    f == null ? Evaluator.Basis.NONE : f.basis(),
                    f == null ? 0 : f.contributingUnits(),
                    f == null ? 0 : f.excludedUnits(),
                    res.missing(),
                    t == null ? null : TargetView.of(t),
                    Numbers.plain(res.distance()),
                    r.previous().code(),
                    Numbers.plain(res.previousValue()),
                    res.trend(),
                    Numbers.plain(res.change()));
        }
    }

    @Schema(name = "KoladaComparison", description = "A Kolada value of the indicator's KPI for the same year")
    public record Comparison(String areaKind, String areaId, BigDecimal value, Integer count, String status) {}

    @Schema(name = "EvaluationSeriesPoint")
    public record SeriesPoint(EvaluationResponse evaluation, List<Comparison> comparisons) {}

    @Schema(name = "Share", description = "A share with what it counts")
    public record ShareResponse(
            long numerator,
            long denominator,

            @Schema(description = "Percent, null when nothing is counted")
            BigDecimal percent) {
        static ShareResponse of(DerivedIndicators.Share s) {
            return new ShareResponse(
                    s.numerator(),
                    s.denominator(),
                    s.percent() == null
                            ? null
                            : Numbers.plain(s.percent().setScale(1, java.math.RoundingMode.HALF_UP)));
        }
    }

    @Schema(
            name = "DeviationIndicators",
            description =
                    "Indicators derived from deviation events (reports counted by the day they were received) for an org unit and every unit below it; "
                            + "a report counts once however many of its units or categories are included")
    public record StatisticsResponse(
            UUID orgUnitId,
            String orgUnitName,
            String period,

            @Schema(description = "Reports received in the period")
            long reports,

            @Schema(description = "Reports per category (a report with two categories counts in both)")
            Map<DeviationCategory, Long> byCategory,

            @Schema(description = "Lex Sarah reports judged allvarliga and notified to IVO, of all lex Sarah reports")
            ShareResponse lexSarahSeriousNotifiedToIvo,

            @Schema(description = "Personal data breaches notified to IMY, of all breaches")
            ShareResponse dataBreachesNotifiedToImy,

            @Schema(description = "Of the breaches to be notified to IMY, those notified within 72 hours")
            ShareResponse dataBreachesNotifiedWithin72h,

            @Schema(description = "Median calendar days from report to close, of reports closed in the period")
            BigDecimal medianDaysToClose,

            long closedReports,

            @Schema(description = "Actions due in the period (done, or past due) done by their due date")
            ShareResponse actionsDoneOnTime) {

        public static StatisticsResponse of(DerivedIndicators.Statistics s, OrgTree tree, String period) {
            return new StatisticsResponse(
                    s.orgUnitId(),
                    tree.name(s.orgUnitId()),
                    period,
                    s.reports(),
                    s.byCategory(),
                    ShareResponse.of(s.lexSarahSeriousNotified()),
                    ShareResponse.of(s.dataBreachNotified()),
                    ShareResponse.of(s.dataBreachNotifiedWithin72h()),
                    Numbers.plain(s.medianDaysToClose()),
                    s.closedReports(),
                    ShareResponse.of(s.actionsDoneOnTime()));
        }
    }
}
