package se.kvalitet.followup.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.evaluation.EvaluationService;
import se.kvalitet.followup.format.RowWriter;
import se.kvalitet.followup.format.RowWriter.Column;
import se.kvalitet.followup.format.RowWriter.Kind;
import se.kvalitet.followup.format.TableFormat;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorTarget;
import se.kvalitet.orgcopy.OrgTree;
import se.kvalitet.web.ProblemException;

/**
 * The BI export for machine client {@code bi-reader}: flat tables with stable, documented columns,
 * streamed from PostgreSQL (server-side cursor, {@code kvalitet.export.fetch-size} rows per round
 * trip) straight to the response, so memory stays constant however many rows. Aggregates only:
 * measurements without their free-text comments, values backed by fewer answers than the
 * indicator's minimum suppressed, evaluations, indicator definitions. Never case data.
 */
@ApplicationScoped
public class ExportService {

    @Inject
    DataSource dataSource;

    @Inject
    EvaluationService evaluation;

    @ConfigProperty(name = "kvalitet.export.fetch-size", defaultValue = "2000")
    int fetchSize;

    /** The columns of the measurement export, in order; a stable contract for BI tools. */
    public static final List<Column> MEASUREMENT_COLUMNS = List.of(
            new Column("measurementId", Kind.TEXT),
            new Column("indicatorId", Kind.TEXT),
            new Column("indicatorCode", Kind.TEXT),
            new Column("orgUnitId", Kind.TEXT),
            new Column("orgUnitName", Kind.TEXT),
            new Column("period", Kind.TEXT),
            new Column("periodType", Kind.TEXT),
            new Column("periodStart", Kind.TEXT),
            new Column("periodEnd", Kind.TEXT),
            new Column("gender", Kind.TEXT),
            new Column("value", Kind.NUMBER),
            new Column("numerator", Kind.NUMBER),
            new Column("denominator", Kind.NUMBER),
            new Column("responses", Kind.NUMBER),
            new Column("responseRate", Kind.NUMBER),
            new Column("missingReason", Kind.TEXT),
            new Column("source", Kind.TEXT),
            new Column("revision", Kind.NUMBER),
            new Column("updatedAt", Kind.TEXT));

    private static final String SUPPRESSED =
            "(i.min_responses IS NOT NULL AND m.responses IS NOT NULL AND m.responses < i.min_responses)";

    /**
     * The SELECT behind the measurement export (also what the benchmark COPYs). The unit's name is its
     * latest in platform/orgcopy's table, joined in the streaming statement.
     */
    public static final String MEASUREMENT_SELECT = """
            SELECT m.id, m.indicator_id, i.code, m.org_unit_id, o.name, m.period, m.period_type, m.period_start, m.period_end,
                   m.gender,
                   CASE WHEN %1$s THEN NULL ELSE trim_scale(m.value) END,
                   CASE WHEN %1$s THEN NULL ELSE trim_scale(m.numerator) END,
                   CASE WHEN %1$s THEN NULL ELSE trim_scale(m.denominator) END,
                   m.responses, trim_scale(m.response_rate),
                   CASE WHEN %1$s THEN 'TOO_FEW_RESPONSES' ELSE m.missing_reason END,
                   m.source, m.revision,
                   to_char(m.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
            FROM measurement m
            JOIN indicator i ON i.id = m.indicator_id
            LEFT JOIN orgcopy_version o ON o.org_unit_id = m.org_unit_id AND o.valid_to IS NULL""".formatted(SUPPRESSED);

    /** Where an incremental pull starts: after this (transaction id, row id); opaque to clients. */
    public record Cursor(long xid, UUID id) {

        static final UUID FIRST = new UUID(0, 0);

        public String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((xid + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        public static Cursor decode(String text) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.US_ASCII);
                int colon = s.indexOf(':');
                return new Cursor(Long.parseLong(s.substring(0, colon)), UUID.fromString(s.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this service handed out");
            }
        }
    }

    /** The plan of one incremental measurement pull, fixed before the body streams. */
    public record Slice(
            Cursor from, Cursor to, boolean toInclusive, Instant updatedSince, boolean hasMore, Cursor next) {}

    /**
     * Fixes the rows of a pull: after {@code cursor} (or changed at or after {@code updatedSince}), up
     * to the xmin of the current snapshot (every transaction below it has ended) and at most
     * {@code limit} rows (null: no limit).
     */
    public Slice slice(String cursor, Instant updatedSince, Integer limit) {
        Cursor from = cursor == null ? new Cursor(0, Cursor.FIRST) : Cursor.decode(cursor);
        try (Connection c = dataSource.getConnection()) {
            long horizon;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                horizon = Long.parseLong(rs.getString(1));
            }
            Cursor end = new Cursor(horizon, Cursor.FIRST);
            if (limit != null) {
                // ORDER BY m.change_xid: unqualified, the name means the text output column and sorts "1002" before
                // "999"
                String sql = "SELECT change_xid::text, id FROM measurement m WHERE "
                        + range(updatedSince).formatted("<") + " ORDER BY m.change_xid, m.id OFFSET ? LIMIT 2";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = bindRange(ps, 1, from, end, false, updatedSince);
                    ps.setInt(i, limit - 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Cursor last = new Cursor(Long.parseLong(rs.getString(1)), rs.getObject(2, UUID.class));
                            boolean more = rs.next();
                            return new Slice(from, last, true, updatedSince, more, last);
                        }
                    }
                }
            }
            return new Slice(from, end, false, updatedSince, false, end);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot plan the export", e);
        }
    }

    private static String range(Instant updatedSince) {
        return "(m.change_xid, m.id) > (CAST(? AS xid8), ?) AND (m.change_xid, m.id) %s (CAST(? AS xid8), ?)"
                + (updatedSince == null ? "" : " AND m.updated_at >= ?");
    }

    private static int bindRange(PreparedStatement ps, int i, Cursor from, Cursor to, boolean inclusive, Instant since)
            throws SQLException {
        ps.setString(i++, Long.toString(from.xid()));
        ps.setObject(i++, from.id());
        ps.setString(i++, Long.toString(to.xid()));
        ps.setObject(i++, to.id());
        if (since != null) {
            ps.setTimestamp(i++, Timestamp.from(since));
        }
        return i;
    }

    /** Streams the measurements of {@code slice} in transaction order. */
    public long measurements(Slice slice, TableFormat format, OutputStream out) {
        String sql =
                MEASUREMENT_SELECT + " WHERE " + range(slice.updatedSince()).formatted(slice.toInclusive() ? "<=" : "<")
                        + " ORDER BY m.change_xid, m.id";
        return stream(
                sql,
                ps -> bindRange(ps, 1, slice.from(), slice.to(), slice.toInclusive(), slice.updatedSince()),
                MEASUREMENT_COLUMNS,
                format,
                out);
    }

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

    public long indicators(Instant updatedSince, TableFormat format, OutputStream out) {
        String sql =
                """
                SELECT i.id, i.code, i.name, i.criterion_code, i.goal_id, i.unit_of_measure, i.method, i.frequency, i.responsible_role,
                       i.decimals, i.gender_split, i.kolada_kpi, i.min_responses, i.derived_metric, t.valid_from_period, t.comparator,
                       trim_scale(t.target_value), trim_scale(t.target_upper),
                       to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                FROM indicator i LEFT JOIN indicator_target t ON t.indicator_id = i.id
                """ + (updatedSince == null ? "" : " WHERE i.updated_at >= ?") + " ORDER BY i.code, i.id, t.valid_from";
        return stream(
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

    /** The columns of the evaluation export. */
    public static final List<Column> EVALUATION_COLUMNS = List.of(
            new Column("indicatorId", Kind.TEXT),
            new Column("indicatorCode", Kind.TEXT),
            new Column("orgUnitId", Kind.TEXT),
            new Column("orgUnitName", Kind.TEXT),
            new Column("period", Kind.TEXT),
            new Column("gender", Kind.TEXT),
            new Column("status", Kind.TEXT),
            new Column("value", Kind.NUMBER),
            new Column("numerator", Kind.NUMBER),
            new Column("denominator", Kind.NUMBER),
            new Column("responses", Kind.NUMBER),
            new Column("basis", Kind.TEXT),
            new Column("contributingUnits", Kind.NUMBER),
            new Column("excludedUnits", Kind.NUMBER),
            new Column("missingReason", Kind.TEXT),
            new Column("targetValidFrom", Kind.TEXT),
            new Column("comparator", Kind.TEXT),
            new Column("targetValue", Kind.NUMBER),
            new Column("targetUpper", Kind.NUMBER),
            new Column("distance", Kind.NUMBER),
            new Column("previousPeriod", Kind.TEXT),
            new Column("previousValue", Kind.NUMBER),
            new Column("trend", Kind.TEXT),
            new Column("change", Kind.NUMBER));

    /** Streams the evaluation of every indicator at every unit of the tree for {@code period}. */
    public long evaluations(
            List<Indicator> indicators,
            Period period,
            Gender gender,
            OrgTree tree,
            TableFormat format,
            OutputStream out) {
        long[] rows = {0};
        try (RowWriter w = RowWriter.open(format, EVALUATION_COLUMNS, out)) {
            String[] cells = new String[EVALUATION_COLUMNS.size()];
            evaluation.evaluate(indicators, period, gender, tree, null, r -> {
                var res = r.result();
                var f = r.figure();
                boolean shown = res.value() != null;
                IndicatorTarget t = r.target();
                cells[0] = r.indicator().id.toString();
                cells[1] = r.indicator().code;
                cells[2] = r.orgUnitId().toString();
                cells[3] = tree.name(r.orgUnitId());
                cells[4] = r.period().code();
                cells[5] = r.gender().name();
                cells[6] = res.status().name();
                cells[7] = text(res.value());
                cells[8] = shown && f != null ? text(Numbers.plain(f.numerator())) : null;
                cells[9] = shown && f != null ? text(Numbers.plain(f.denominator())) : null;
                cells[10] = shown && f != null && f.responses() != null
                        ? f.responses().toString()
                        : null;
                cells[11] = f == null ? "NONE" : f.basis().name();
                cells[12] = Integer.toString(f == null ? 0 : f.contributingUnits());
                cells[13] = Integer.toString(f == null ? 0 : f.excludedUnits());
                cells[14] = res.missing() == null ? null : res.missing().name();
                cells[15] = t == null ? null : t.validFromPeriod;
                cells[16] = t == null ? null : t.comparator.name();
                cells[17] = t == null ? null : text(t.targetValue);
                cells[18] = t == null ? null : text(t.targetUpper);
                cells[19] = text(res.distance());
                cells[20] = r.previous().code();
                cells[21] = text(res.previousValue());
                cells[22] = res.trend().name();
                cells[23] = text(res.change());
                try {
                    w.row(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                rows[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows[0];
    }

    private static String text(java.math.BigDecimal v) {
        return v == null ? null : Numbers.plain(v).toPlainString();
    }

    @FunctionalInterface
    interface Binder {
        int bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs {@code sql} with a server-side cursor and writes every row; returns how many. */
    private long stream(String sql, Binder binder, List<Column> columns, TableFormat format, OutputStream out) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps =
                            c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                    RowWriter w = RowWriter.open(format, columns, out)) {
                binder.bind(ps);
                ps.setFetchSize(fetchSize);
                long n = 0;
                String[] cells = new String[columns.size()];
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 0; i < cells.length; i++) {
                            cells[i] = rs.getString(i + 1);
                        }
                        w.row(cells);
                        n++;
                    }
                }
                c.commit();
                return n;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
