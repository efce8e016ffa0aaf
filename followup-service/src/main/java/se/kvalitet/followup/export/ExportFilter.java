package se.kvalitet.followup.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.support.PeriodParams;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

/**
 * The filters of a BI export as the client asked for them (indicators, a unit with or without its
 * subtree, a period or a range of periods), parsed and checked for form; {@code units} is the unit (and
 * its subtree) resolved against the organisation copy. Applied in SQL on the measurement's own columns,
 * which the measurement indexes cover.
 */
public record ExportFilter(
        List<UUID> indicatorIds,
        UUID orgUnitId,
        boolean subtree,
        Period period,
        Period periodFrom,
        Period periodTo,
        Set<UUID> units) {

    /** At most this many indicator ids in one request. */
    static final int MAX_INDICATORS = 200;

    static final ExportFilter NONE = new ExportFilter(List.of(), null, false, null, null, null, null);

    /**
     * Parses the filter parameters; {@code indicatorIds} may repeat and each may hold several ids
     * separated by commas. Units are not resolved yet ({@link #withUnits}).
     */
    static ExportFilter parse(
            List<String> indicatorIds,
            String orgUnitId,
            Boolean subtree,
            String period,
            String periodFrom,
            String periodTo) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (indicatorIds != null) {
            for (String param : indicatorIds) {
                for (String one : param.split(",", -1)) {
                    if (one.isBlank()) {
                        throw ProblemException.invalidField("indicatorId", "must be UUIDs separated by commas");
                    }
                    ids.add(QueryParams.uuid("indicatorId", one));
                }
            }
        }
        if (ids.size() > MAX_INDICATORS) {
            throw ProblemException.invalidField("indicatorId", "at most " + MAX_INDICATORS + " indicators");
        }
        UUID unit = QueryParams.uuid("orgUnitId", orgUnitId);
        if (subtree != null && unit == null) {
            throw ProblemException.invalidField("subtree", "needs orgUnitId");
        }
        Period exact = period == null ? null : PeriodParams.period(period, "period");
        Period from = periodFrom == null ? null : PeriodParams.period(periodFrom, "periodFrom");
        Period to = periodTo == null ? null : PeriodParams.period(periodTo, "periodTo");
        if (from != null && to != null && to.end().isBefore(from.start())) {
            throw ProblemException.invalidField("periodTo", "ends before periodFrom starts");
        }
        return new ExportFilter(
                List.copyOf(ids), unit, Boolean.TRUE.equals(subtree), exact, from, to, unit == null ? null : Set.of());
    }

    ExportFilter withUnits(Set<UUID> resolved) {
        return new ExportFilter(indicatorIds, orgUnitId, subtree, period, periodFrom, periodTo, Set.copyOf(resolved));
    }

    boolean isEmpty() {
        return indicatorIds.isEmpty() && orgUnitId == null && period == null && periodFrom == null && periodTo == null;
    }

    /**
     * What a cursor remembers of the filters it was handed out for: empty without filters (so cursors of
     * unfiltered pulls keep their form), else a digest of the parameters as asked (not of the resolved
     * subtree, so a reorganisation does not invalidate a cursor).
     */
    String fingerprint() {
        if (isEmpty()) {
            return "";
        }
        String canonical = String.join(
                "|",
                indicatorIds.stream().map(UUID::toString).sorted().toList().toString(),
                String.valueOf(orgUnitId),
                Boolean.toString(subtree),
                period == null ? "" : period.code(),
                periodFrom == null ? "" : periodFrom.code(),
                periodTo == null ? "" : periodTo.code());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The conditions on measurement {@code m} ("" without filters), each starting with AND. */
    String measurementConditions() {
        StringBuilder sql = new StringBuilder();
        if (!indicatorIds.isEmpty()) {
            sql.append(" AND m.indicator_id = ANY(?)");
        }
        if (units != null) {
            sql.append(" AND m.org_unit_id = ANY(?)");
        }
        if (period != null) {
            sql.append(" AND m.period = ?");
        }
        if (periodFrom != null) {
            sql.append(" AND m.period_start >= ?");
        }
        if (periodTo != null) {
            sql.append(" AND m.period_end <= ?");
        }
        return sql.toString();
    }

    /** Binds the parameters of {@link #measurementConditions()} from index {@code i}; returns the next index. */
    int bindMeasurement(PreparedStatement ps, int i) throws SQLException {
        if (!indicatorIds.isEmpty()) {
            ps.setArray(i++, ps.getConnection().createArrayOf("uuid", indicatorIds.toArray()));
        }
        if (units != null) {
            ps.setArray(i++, ps.getConnection().createArrayOf("uuid", new ArrayList<>(units).toArray()));
        }
        if (period != null) {
            ps.setString(i++, period.code());
        }
        if (periodFrom != null) {
            ps.setDate(i++, Date.valueOf(periodFrom.start()));
        }
        if (periodTo != null) {
            ps.setDate(i++, Date.valueOf(periodTo.end()));
        }
        return i;
    }
}
