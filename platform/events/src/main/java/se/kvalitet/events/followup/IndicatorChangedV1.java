package se.kvalitet.events.followup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A complete snapshot of an indicator (nyckeltal) as it stands now: published by followup-service
 * when an indicator is created or changed, and when the name of its quality criterion changes.
 * Indicator definitions are organisational catalogue data (like org-unit names): the name is the
 * indicator's label, refused at entry when it holds a personnummer; the free-text description and
 * the responsible role stay in followup-service. Consumers keep the snapshot with the highest
 * {@code revision}.
 *
 * @param indicatorId          the indicator (aggregate id)
 * @param revision             1 for the first snapshot, higher for every later one of the same indicator
 * @param code                 the organisation's stable short code, e.g. {@code MYN-DELAKTIGHET}
 * @param name                 the indicator's name (label), e.g. "Andel brukare som upplever att de kan påverka insatsen"
 * @param criterionCode        the quality criterion (kvalitetskriterium), e.g. {@code SELF_DETERMINATION_INTEGRITY}
 * @param criterionName        the criterion's Swedish name, e.g. "Självbestämmande och integritet"
 * @param goalId               the goal the indicator follows up, may be null
 * @param unitOfMeasure        {@code PERCENT}, {@code SCALE_1_5}, {@code COUNT}, {@code DAYS}, {@code INDEX} or {@code RATIO}
 * @param method               {@code SURVEY}, {@code RECORD_REVIEW}, {@code MANUAL_CHECK}, {@code SYSTEM_STATISTICS},
 *                             {@code EXTERNAL_SOURCE} or {@code DERIVED_FROM_EVENTS}
 * @param frequency            {@code YEARLY}, {@code TWICE_A_YEAR}, {@code TERTIAL}, {@code QUARTERLY}, {@code MONTHLY} or {@code CONTINUOUS}
 * @param decimals             decimals values are shown and compared with
 * @param genderSplit          whether values are split by gender (K/M) besides the total (T)
 * @param koladaKpi            the Kolada KPI id of its comparison series, may be null
 * @param minResponses         fewer answers than this and a value counts as missing, may be null
 * @param derivedMetric        for {@code DERIVED_FROM_EVENTS}: the deviation metric, else null
 * @param derivedCategory      for a derived deviation count: the category counted, may be null
 * @param responsibleOrgUnitId the unit responsible for the indicator, may be null
 * @param targets              the målvärden, each valid from the start of a period until the next, oldest first
 * @param changedAt            when the indicator (or its criterion) was last changed
 */
@EventType(value = IndicatorChangedV1.TYPE, topic = Topics.FOLLOWUP)
public record IndicatorChangedV1(
        UUID indicatorId,
        long revision,
        String code,
        String name,
        String criterionCode,
        String criterionName,
        UUID goalId,
        String unitOfMeasure,
        String method,
        String frequency,
        int decimals,
        boolean genderSplit,
        String koladaKpi,
        Integer minResponses,
        String derivedMetric,
        String derivedCategory,
        UUID responsibleOrgUnitId,
        List<Target> targets,
        Instant changedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.followup.indicator.changed.v1";

    public IndicatorChangedV1 {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /**
     * A målvärde valid from the start of {@code validFromPeriod} on.
     *
     * @param validFromPeriod the first period it applies to, e.g. {@code 2025} or {@code 2025-T2}
     * @param comparator      how values are compared with it ({@link TargetComparison}; on the wire its name)
     * @param value           the target, the lower bound for {@code BETWEEN}, N for {@code AT_LEAST_PER_GROUP}
     * @param upper           the upper bound for {@code BETWEEN}, else null
     */
    public record Target(String validFromPeriod, TargetComparison comparator, BigDecimal value, BigDecimal upper) {}

    @Override
    public String aggregateId() {
        return indicatorId.toString();
    }
}
