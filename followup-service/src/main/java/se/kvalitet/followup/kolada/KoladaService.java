package se.kvalitet.followup.kolada;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.followup.domain.Rollup;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.measurement.BulkUpload;
import se.kvalitet.followup.measurement.Measurement;
import se.kvalitet.followup.measurement.MeasurementCommands;
import se.kvalitet.followup.measurement.MeasurementCommands.BulkOutcome;
import se.kvalitet.followup.measurement.MeasurementRepository;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.Page;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;

/**
 * Kolada (RKA's open database of municipal key figures) in its v3 JSON shape: KPI values per
 * municipality (or organisational unit, "ou") and year, split by gender T/K/M, with value, count and
 * status; a missing value is null (printed ".." in reports). Imported values are comparison series
 * for indicators with the same {@code koladaKpi}; a municipality's own series can also be recorded
 * as measurements of a unit. Our measurements are exported in the same shape.
 */
@ApplicationScoped
public class KoladaService {

    private static final Pattern KPI = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    private static final Pattern AREA = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    @Inject
    DataSource dataSource;

    @Inject
    IndicatorRepository indicators;

    @Inject
    MeasurementRepository measurements;

    @Inject
    BulkUpload bulkUpload;

    @Inject
    Today today;

    @Inject
    FollowupAccess access;

    /** One parsed Kolada value. */
    @Schema(
            name = "KoladaValue",
            description =
                    "A Kolada value: KPI, area (municipality or ou), year, gender, value (null when missing), count, status")
    public record Value(
            String kpi,
            String areaKind,
            String areaId,
            int period,
            String gender,
            BigDecimal value,
            Integer count,
            String status,
            boolean deleted) {}

    /** Values read, stored and deleted, and the measurements recorded when asked (null when not). */
    public record ImportResult(int values, int stored, int deleted, BulkOutcome measurements) {}

    /** Parses a Kolada v3 (or v2) data document; every malformed entry is reported, nothing is stored when any is. */
    public static List<Value> parse(JsonNode root) {
        JsonNode entries = root == null ? null : root.isArray() ? root : root.get("values");
        if (entries == null || !entries.isArray()) {
            throw ProblemException.invalidField(
                    "values",
                    "expected Kolada's data shape: {\"values\": [{\"kpi\", \"municipality\" or \"ou\", "
                            + "\"period\", \"values\": [{\"gender\", \"count\", \"status\", \"value\"}]}]}");
        }
        List<Value> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int n = 0; n < entries.size(); n++) {
            JsonNode e = entries.get(n);
            String at = "values[" + n + "]";
            String kpi = text(e, "kpi");
            if (kpi == null || !KPI.matcher(kpi).matches()) {
                errors.add(new FieldError(at + ".kpi", "a Kolada KPI id such as U28532"));
            }
            String kind = e.hasNonNull("ou") ? "OU" : "MUNICIPALITY";
            String area = text(e, kind.equals("OU") ? "ou" : "municipality");
            if (area == null || !AREA.matcher(area).matches()) {
                errors.add(new FieldError(
                        at + ".municipality", "a municipality id such as 1860 (or ou, an organisational unit id)"));
            }
            Integer period = null;
            JsonNode p = e.get("period");
            if (p != null && (p.isInt() || p.isTextual() && p.asText().matches("\\d{4}"))) {
                period = p.asInt();
            }
            if (period == null || period < 1900 || period > 2200) {
                errors.add(new FieldError(at + ".period", "a year such as 2023"));
            }
            JsonNode values = e.get("values");
            if (values == null || !values.isArray()) {
                errors.add(new FieldError(at + ".values", "an array of {gender, count, status, value}"));
                continue;
            }
            for (int m = 0; m < values.size(); m++) {
                JsonNode v = values.get(m);
                String vat = at + ".values[" + m + "]";
                String gender = text(v, "gender");
                if (gender != null && gender.equals("F")) {
                    gender = "K"; // Kolada's older documentation writes F for women
                }
                if (gender == null || !gender.matches("[TKM]")) {
                    errors.add(new FieldError(vat + ".gender", "T, K or M"));
                }
                BigDecimal value = null;
                JsonNode vv = v.get("value");
                if (vv != null && !vv.isNull()) {
                    if (vv.isNumber()) {
                        value = vv.decimalValue();
                        if (value.abs().compareTo(new BigDecimal("100000000000000")) >= 0
                                || Numbers.plain(value).scale() > 6) {
                            errors.add(new FieldError(
                                    vat + ".value", "out of range (at most 14 digits before and 6 after the point)"));
                        }
                    } else {
                        errors.add(new FieldError(vat + ".value", "a number or null"));
                    }
                }
                Integer count = null;
                JsonNode c = v.get("count");
                if (c != null && !c.isNull()) {
                    if (c.canConvertToInt() && c.isIntegralNumber() && c.asInt() >= 0) {
                        count = c.asInt();
                    } else {
                        errors.add(new FieldError(vat + ".count", "a whole number, 0 or more"));
                    }
                }
                String status = text(v, "status");
                if (status != null && status.length() > 40) {
                    errors.add(new FieldError(vat + ".status", "at most 40 characters"));
                }
                boolean deleted = v.path("isdeleted").asBoolean(false);
                if (kpi != null && area != null && period != null && gender != null) {
                    out.add(new Value(
                            kpi,
                            kind,
                            area,
                            period,
                            gender,
                            value,
                            count,
                            status == null || status.isBlank() ? null : status,
                            deleted));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(
                    "kolada-invalid", errors.size() + " problems in the Kolada document; nothing was stored", errors);
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText().strip();
    }

    /**
     * Stores the values as comparison series; with {@code orgUnitId} the values of {@code municipality}
     * are also recorded as that unit's measurements of every indicator with the KPI (yearly indicators).
     */
    @Transactional
    public ImportResult importValues(
            List<Value> values, UUID orgUnitId, String municipality, MissingReason missing, boolean partial) {
        if (orgUnitId != null && municipality == null) {
            throw ProblemException.invalidField(
                    "municipality", "name the municipality (or ou) whose values become the unit's measurements");
        }
        access.requireKnownUnit("orgUnitId", orgUnitId);
        int stored = 0;
        int deleted = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement up = c.prepareStatement("""
                        INSERT INTO kolada_value (kpi, area_kind, area_id, period, gender, value, count, status, imported_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (kpi, area_kind, area_id, period, gender) DO UPDATE SET value = EXCLUDED.value,
                            count = EXCLUDED.count, status = EXCLUDED.status, imported_at = EXCLUDED.imported_at""");
                PreparedStatement del = c.prepareStatement(
                        "DELETE FROM kolada_value WHERE kpi = ? AND area_kind = ? AND area_id = ? AND period = ? AND gender = ?")) {
            Timestamp now = Timestamp.from(today.now());
            for (Value v : values) {
                PreparedStatement ps = v.deleted() ? del : up;
                ps.setString(1, v.kpi());
                ps.setString(2, v.areaKind());
                ps.setString(3, v.areaId());
                ps.setInt(4, v.period());
                ps.setString(5, v.gender());
                if (!v.deleted()) {
                    ps.setBigDecimal(6, v.value());
                    ps.setObject(7, v.count());
                    ps.setString(8, v.status());
                    ps.setTimestamp(9, now);
                    stored++;
                } else {
                    deleted++;
                }
                ps.addBatch();
            }
            up.executeBatch();
            del.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store Kolada values", e);
        }
        BulkOutcome recorded = null;
        if (orgUnitId != null) {
            recorded = bulkUpload.bulk(rows(values, orgUnitId, municipality, missing), partial, false);
        }
        return new ImportResult(values.size(), stored, deleted, recorded);
    }

    /** Bulk rows for the values of one area: every yearly indicator with the KPI gets the unit's measurement. */
    private List<MeasurementCommands.RawRow> rows(List<Value> values, UUID unit, String area, MissingReason missing) {
        Map<String, List<Indicator>> byKpi = new HashMap<>();
        for (Indicator i : indicators.list("koladaKpi is not null")) {
            byKpi.computeIfAbsent(i.koladaKpi, k -> new ArrayList<>()).add(i);
        }
        List<MeasurementCommands.RawRow> rows = new ArrayList<>();
        for (Value v : values) {
            if (v.deleted() || !v.areaId().equals(area)) {
                continue;
            }
            for (Indicator ind : byKpi.getOrDefault(v.kpi(), List.of())) {
                if (!ind.genderSplit && !v.gender().equals("T")) {
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                cells.put("indicatorid", ind.id.toString());
                cells.put("orgunitid", unit.toString());
                cells.put("period", Integer.toString(v.period()));
                cells.put("gender", v.gender());
                if (v.value() != null) {
                    cells.put("value", v.value().toPlainString());
                } else {
                    cells.put("missingreason", missing.name());
                }
                cells.put("source", "Kolada " + v.kpi());
                rows.add(new MeasurementCommands.RawRow(rows.size() + 1, null, cells, null));
            }
        }
        return rows;
    }

    /** A page of stored comparison values. */
    @Transactional
    public Page<Value> values(String kpi, String areaId, Integer fromYear, Integer toYear, int page, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (kpi != null) {
            where.append(" AND kpi = ?");
            params.add(kpi);
        }
        if (areaId != null) {
            where.append(" AND area_id = ?");
            params.add(areaId);
        }
        if (fromYear != null) {
            where.append(" AND period >= ?");
            params.add(fromYear);
        }
        if (toYear != null) {
            where.append(" AND period <= ?");
            params.add(toYear);
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM kolada_value" + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Value> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kpi, area_kind, area_id, period, gender, value, count, status FROM kolada_value" + where
                            + " ORDER BY kpi, area_kind, area_id, period, gender LIMIT ? OFFSET ?")) {
                int i = bind(ps, params);
                ps.setInt(i++, limit);
                ps.setLong(i, (long) (page - 1) * limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int count = rs.getInt(7);
                        Integer n = rs.wasNull() ? null : count;
                        items.add(new Value(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getString(5),
                                Numbers.plain(rs.getBigDecimal(6)),
                                n,
                                rs.getString(8),
                                false));
                    }
                }
            }
            return new Page<>(items, page, limit, total);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Kolada values", e);
        }
    }

    private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }

    /** One entry of the Kolada shape: a KPI at an area and year with its gender values. */
    @Schema(
            name = "KoladaEntry",
            description = "Kolada's data entry: kpi, ou (our org unit id), period (year), values per gender")
    public record Entry(String kpi, String ou, int period, List<Map<String, Object>> values) {}

    /**
     * Our yearly measurements in Kolada's shape, one entry per indicator, unit and year: the KPI is
     * the indicator's Kolada id (its code when it has none), "ou" our org unit id, count 1, status
     * the missing reason when there is no value.
     */
    @Transactional
    public Page<Entry> export(UUID indicatorId, String kpi, Integer year, UUID orgUnitId, int page, int limit) {
        List<Indicator> chosen = indicatorId != null
                ? indicators.list("id", indicatorId)
                : kpi != null ? indicators.list("koladaKpi = ?1 or code = ?1", kpi) : indicators.listAll();
        Map<UUID, Indicator> byId = new HashMap<>();
        chosen.forEach(i -> byId.put(i.id, i));
        if (byId.isEmpty()) {
            return new Page<>(List.of(), page, limit, 0);
        }
        StringBuilder jpql =
                new StringBuilder("select distinct m.indicatorId, m.orgUnitId, m.period from Measurement m "
                        + "where m.periodType = 'YEAR' and m.indicatorId in :indicators");
        if (year != null) {
            jpql.append(" and m.period = :period");
        }
        if (orgUnitId != null) {
            jpql.append(" and m.orgUnitId = :unit");
        }
        var keys = measurements
                .getEntityManager()
                .createQuery(jpql + " order by m.indicatorId, m.orgUnitId, m.period", Object[].class)
                .setParameter("indicators", byId.keySet());
        if (year != null) {
            keys.setParameter("period", Integer.toString(year));
        }
        if (orgUnitId != null) {
            keys.setParameter("unit", orgUnitId);
        }
        // pages over (indicator, unit, year): the genders of one travel together
        List<Object[]> all = keys.getResultList();
        int from = Math.min(all.size(), (page - 1) * limit);
        int to = Math.min(all.size(), from + limit);
        List<Entry> entries = new ArrayList<>();
        for (Object[] k : all.subList(from, to)) {
            Indicator ind = byId.get((UUID) k[0]);
            UUID unit = (UUID) k[1];
            String period = (String) k[2];
            List<Map<String, Object>> genders = new ArrayList<>();
            for (Measurement m : measurements.list(
                    "indicatorId = ?1 and orgUnitId = ?2 and period = ?3 order by gender", ind.id, unit, period)) {
                BigDecimal v = Rollup.valueOf(ind.unitOfMeasure, m.value, m.numerator, m.denominator);
                boolean tooFew = ind.minResponses != null && m.responses != null && m.responses < ind.minResponses;
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("gender", m.gender.name());
                g.put("count", 1);
                g.put(
                        "status",
                        tooFew
                                ? MissingReason.TOO_FEW_RESPONSES.name()
                                : m.missingReason == null ? "" : m.missingReason.name());
                g.put("value", tooFew || v == null ? null : Numbers.plain(Rollup.round(v, ind.decimals)));
                genders.add(g);
            }
            entries.add(new Entry(
                    ind.koladaKpi != null ? ind.koladaKpi : ind.code,
                    unit.toString(),
                    Integer.parseInt(period),
                    genders));
        }
        return new Page<>(entries, page, limit, all.size());
    }
}
