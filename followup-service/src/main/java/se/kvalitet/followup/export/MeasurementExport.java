package se.kvalitet.followup.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
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
import se.kvalitet.followup.format.RowWriter.Column;
import se.kvalitet.followup.format.RowWriter.Kind;
import se.kvalitet.followup.format.TableFormat;
import se.kvalitet.web.ProblemException;

/**
 * The incremental measurement export for BI clients: measurements without their free-text comments,
 * values backed by fewer answers than the indicator's minimum suppressed, handed out in transaction
 * order up to the xmin of the pull's snapshot (so rows of transactions still running are never
 * skipped) and streamed by {@link ExportStream}.
 */
@ApplicationScoped
public class MeasurementExport {

    @Inject
    DataSource dataSource;

    @Inject
    ExportStream stream;

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
                    int i = bindRange(ps, 1, from, end, updatedSince);
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

    private static int bindRange(PreparedStatement ps, int i, Cursor from, Cursor to, Instant since)
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
        return stream.stream(
                sql,
                ps -> bindRange(ps, 1, slice.from(), slice.to(), slice.updatedSince()),
                MEASUREMENT_COLUMNS,
                format,
                out);
    }
}
