package se.kvalitet.followup.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import se.kvalitet.followup.format.RowWriter.Column;
import se.kvalitet.followup.format.RowWriter.Kind;
import se.kvalitet.followup.format.TableFormat;

/** The export of indicator definitions, one row per indicator and målvärde, streamed by {@link ExportStream}. */
@ApplicationScoped
public class IndicatorExport {

    @Inject
    ExportStream stream;

    /** The columns of the indicator export: one row per indicator and målvärde (an indicator without one has one row). */
    public static final List<Column> INDICATOR_COLUMNS = List.of(
            new Column("indicatorId", Kind.TEXT),
            new Column("code", Kind.TEXT),
            new Column("name", Kind.TEXT),
            new Column("criterionCode", Kind.TEXT),
            new Column("goalId", Kind.TEXT),
            new Column("unitOfMeasure", Kind.TEXT),
            new Column("method", Kind.TEXT),
            new Column("frequency", Kind.TEXT),
            new Column("responsibleRole", Kind.TEXT),
            new Column("decimals", Kind.NUMBER),
            new Column("genderSplit", Kind.BOOLEAN),
            new Column("koladaKpi", Kind.TEXT),
            new Column("minResponses", Kind.NUMBER),
            new Column("derivedMetric", Kind.TEXT),
            new Column("targetValidFrom", Kind.TEXT),
            new Column("comparator", Kind.TEXT),
            new Column("targetValue", Kind.NUMBER),
            new Column("targetUpper", Kind.NUMBER),
            new Column("updatedAt", Kind.TEXT));

    /** Streams the indicator definitions with their målvärden (changed at or after {@code updatedSince} when given). */
    public long indicators(Instant updatedSince, TableFormat format, OutputStream out) {
        String sql =
                """
                SELECT i.id, i.code, i.name, i.criterion_code, i.goal_id, i.unit_of_measure, i.method, i.frequency, i.responsible_role,
                       i.decimals, i.gender_split, i.kolada_kpi, i.min_responses, i.derived_metric, t.valid_from_period, t.comparator,
                       trim_scale(t.target_value), trim_scale(t.target_upper),
                       to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                FROM indicator i LEFT JOIN indicator_target t ON t.indicator_id = i.id
                """ + (updatedSince == null ? "" : " WHERE i.updated_at >= ?") + " ORDER BY i.code, i.id, t.valid_from";
        return stream.stream(
                sql,
                ps -> {
                    if (updatedSince != null) {
                        ps.setTimestamp(1, Timestamp.from(updatedSince));
                    }
                    return 0;
                },
                INDICATOR_COLUMNS,
                format,
                out);
    }
}
