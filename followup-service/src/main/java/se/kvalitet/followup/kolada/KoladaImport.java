package se.kvalitet.followup.kolada;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.kolada.KoladaDocument.Value;
import se.kvalitet.followup.measurement.BulkUpload;
import se.kvalitet.followup.measurement.MeasurementCommands;
import se.kvalitet.followup.measurement.MeasurementCommands.BulkOutcome;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.ProblemException;

/**
 * Importing Kolada values as comparison series for the indicators with the same {@code koladaKpi};
 * a municipality's own series can also become a unit's measurements (through {@link BulkUpload}).
 * The values are stored by one JDBC batch of {@code INSERT ... ON CONFLICT DO UPDATE} and
 * {@code DELETE} (an upsert of a whole document in one round trip; {@code kolada_value} is a
 * comparison table, not an aggregate).
 */
@ApplicationScoped
public class KoladaImport {

    @Inject
    DataSource dataSource;

    @Inject
    IndicatorRepository indicators;

    @Inject
    BulkUpload bulkUpload;

    @Inject
    Today today;

    @Inject
    FollowupAccess access;

    /** Values read, stored and deleted, and the measurements recorded when asked (null when not). */
    public record ImportResult(int values, int stored, int deleted, BulkOutcome measurements) {}

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
}
