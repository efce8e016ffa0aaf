package se.kvalitet.followup.odata;

import static org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind.Boolean;
import static org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind.Date;
import static org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind.DateTimeOffset;
import static org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind.Decimal;
import static org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind.Guid;
import static org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind.Int32;
import static org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind.Int64;
import static org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind.String;
import static se.kvalitet.followup.odata.FeedProperty.of;
import static se.kvalitet.followup.odata.FeedProperty.ranged;

import java.util.List;
import se.kvalitet.followup.odata.FeedProperty.Range;

/**
 * The SQL-backed entity sets of the feed. Aggregates only, no free text: a measurement's comment is never
 * read, and a value backed by fewer answers than the indicator's minimum is missing with reason
 * TOO_FEW_RESPONSES, as in the CSV export.
 */
final class FeedSets {

    private static final String SUPPRESSED =
            "(i.min_responses IS NOT NULL AND m.responses IS NOT NULL AND m.responses < i.min_responses)";

    static final FeedSet MEASUREMENTS = new FeedSet(
            "Measurements",
            "Measurement",
            List.of(
                    of("id", Guid, "m.id", false),
                    of("indicatorId", Guid, "m.indicator_id", false),
                    of("indicatorCode", String, "i.code", false),
                    of("orgUnitId", Guid, "m.org_unit_id", false),
                    of("orgUnitName", String, "o.name", true),
                    of("period", String, "m.period", false),
                    of("periodType", String, "m.period_type", false),
                    of("periodStart", Date, "m.period_start", false),
                    of("periodEnd", Date, "m.period_end", false),
                    ranged(
                            "year",
                            Int32,
                            "CAST(EXTRACT(YEAR FROM m.period_start) AS integer)",
                            Range.YEAR,
                            "m.period_start"),
                    of("gender", String, "m.gender", false),
                    of("value", Decimal, "CASE WHEN " + SUPPRESSED + " THEN NULL ELSE trim_scale(m.value) END", true),
                    of(
                            "numerator",
                            Decimal,
                            "CASE WHEN " + SUPPRESSED + " THEN NULL ELSE trim_scale(m.numerator) END",
                            true),
                    of(
                            "denominator",
                            Decimal,
                            "CASE WHEN " + SUPPRESSED + " THEN NULL ELSE trim_scale(m.denominator) END",
                            true),
                    of("responses", Int32, "m.responses", true),
                    of("responseRate", Decimal, "trim_scale(m.response_rate)", true),
                    of(
                            "missingReason",
                            String,
                            "CASE WHEN " + SUPPRESSED + " THEN 'TOO_FEW_RESPONSES' ELSE m.missing_reason END",
                            true),
                    of("source", String, "m.source", true),
                    of("revision", Int32, "m.revision", false),
                    of("updatedAt", DateTimeOffset, "m.updated_at", false)),
            List.of("id"),
            "measurement m JOIN indicator i ON i.id = m.indicator_id "
                    + "LEFT JOIN orgcopy_version o ON o.org_unit_id = m.org_unit_id AND o.valid_to IS NULL",
            "TRUE",
            null);

    static final FeedSet INDICATORS = new FeedSet(
            "Indicators",
            "Indicator",
            List.of(
                    of("id", Guid, "i.id", false),
                    of("code", String, "i.code", false),
                    of("name", String, "i.name", false),
                    of("criterionCode", String, "i.criterion_code", false),
                    of("goalId", Guid, "i.goal_id", true),
                    of("unitOfMeasure", String, "i.unit_of_measure", false),
                    of("method", String, "i.method", false),
                    of("frequency", String, "i.frequency", false),
                    of("decimals", Int32, "i.decimals", false),
                    of("genderSplit", Boolean, "i.gender_split", false),
                    of("koladaKpi", String, "i.kolada_kpi", true),
                    of("minResponses", Int32, "i.min_responses", true),
                    of("derivedMetric", String, "i.derived_metric", true),
                    of("derivedCategory", String, "i.derived_category", true),
                    of("updatedAt", DateTimeOffset, "i.updated_at", false)),
            List.of("id"),
            "indicator i",
            "TRUE",
            null);

    static final FeedSet UNITS = new FeedSet(
            "Units",
            "Unit",
            List.of(
                    of("id", Guid, "o.org_unit_id", false),
                    of("parentId", Guid, "o.parent_id", true),
                    of("code", String, "o.code", true),
                    of("name", String, "o.name", false),
                    of("type", String, "o.type", true),
                    of("active", Boolean, "o.active", false),
                    of("validFrom", Date, "o.valid_from", false)),
            List.of("id"),
            "orgcopy_version o",
            "o.valid_to IS NULL",
            null);

    /**
     * Reports per unit × category × month, counted in the month the report was received (its local day
     * {@code reported_on}, as followup's deviation indicators count). A report counts once at each unit it
     * concerns and once in each of its categories.
     */
    static final FeedSet DEVIATION_COUNTS = new FeedSet(
            "DeviationCounts",
            "DeviationCount",
            List.of(
                    of("orgUnitId", Guid, "u.org_unit_id", false),
                    of("category", String, "c.category", false),
                    ranged("month", String, "to_char(f.reported_on, 'YYYY-MM')", Range.MONTH, "f.reported_on"),
                    ranged(
                            "year",
                            Int32,
                            "CAST(EXTRACT(YEAR FROM f.reported_on) AS integer)",
                            Range.YEAR,
                            "f.reported_on"),
                    of("count", Int64, "count(*)", false).notFilterable()),
            List.of("orgUnitId", "category", "month"),
            "deviation_fact f JOIN deviation_fact_unit u ON u.deviation_id = f.deviation_id "
                    + "JOIN deviation_fact_category c ON c.deviation_id = f.deviation_id",
            "f.reported_on IS NOT NULL",
            "u.org_unit_id, c.category, to_char(f.reported_on, 'YYYY-MM'), "
                    + "CAST(EXTRACT(YEAR FROM f.reported_on) AS integer)");

    static final List<FeedSet> ALL = List.of(MEASUREMENTS, INDICATORS, UNITS, DEVIATION_COUNTS);

    private FeedSets() {}
}
