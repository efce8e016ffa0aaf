package se.kvalitet.followup.measurement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.evaluation.EvaluationEvents;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.measurement.BulkRows.Parsed;
import se.kvalitet.followup.measurement.MeasurementCommands.BulkOutcome;
import se.kvalitet.followup.measurement.MeasurementCommands.RawRow;
import se.kvalitet.followup.measurement.MeasurementCommands.RowFailure;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;

/**
 * A bulk upload of measurements (CSV or JSON, the Kolada import, the demo data): every row is
 * validated first ({@link BulkRows}), then the valid rows are upserted by (indicator, unit, period,
 * gender) through {@link MeasurementWrites}, each new or changed row publishing as a single recording does.
 */
@ApplicationScoped
public class BulkUpload {

    /** The columns a bulk upload may have (CSV header or JSON member names, case-insensitive). */
    public static final List<String> COLUMNS = List.of(
            "indicatorId",
            "indicatorCode",
            "orgUnitId",
            "period",
            "gender",
            "value",
            "numerator",
            "denominator",
            "responses",
            "responseRate",
            "missingReason",
            "source",
            "comment");

    public static final int MAX_BULK_ROWS = 50_000;

    @Inject
    MeasurementRepository measurements;

    @Inject
    IndicatorRepository indicators;

    @Inject
    FollowupAccess access;

    @Inject
    Today today;

    @Inject
    MeasurementWrites writes;

    /** The rows that can be written and the failures of the others. */
    private record Checked(List<Parsed> ok, List<RowFailure> errors) {
        int failedRows() {
            return (int) errors.stream().map(RowFailure::row).distinct().count();
        }
    }

    /**
     * Upserts rows by (indicator, unit, period, gender): new rows are created, changed rows become a
     * new revision, identical rows change nothing. Every failing row is reported; unless
     * {@code partial}, nothing is written when any row fails.
     */
    @Transactional
    public BulkOutcome bulk(List<RawRow> rows, boolean partial, boolean decimalComma) {
        if (rows.size() > MAX_BULK_ROWS) {
            throw ProblemException.badRequest(
                    "too-many-rows", "At most " + MAX_BULK_ROWS + " rows per upload; split the file", List.of());
        }
        Map<String, Indicator> byCode = new HashMap<>();
        Map<UUID, Indicator> byId = new HashMap<>();
        loadIndicators(rows, byCode, byId);
        Checked checked = check(rows, new BulkRows(byCode, byId, access::knowsUnit, access::mayWriteFor, decimalComma));
        if (!checked.errors().isEmpty() && !partial) {
            List<FieldError> fields = checked.errors().stream()
                    .map(e -> new FieldError("rows[" + e.row() + "]." + e.field(), e.message()))
                    .toList();
            throw ProblemException.unprocessable(
                            "bulk-rows-invalid",
                            checked.failedRows() + " of " + rows.size()
                                    + " rows are invalid; nothing was written (send partial=true to write the valid rows)",
                            fields)
                    .with("rowErrors", checked.errors());
        }
        int[] counts = write(checked.ok(), byId);
        return new BulkOutcome(
                rows.size(), counts[0], counts[1], counts[2], checked.failedRows(), partial, checked.errors());
    }

    /** Parses every row; a row that repeats an earlier row's key fails. */
    private static Checked check(List<RawRow> rows, BulkRows reader) {
        List<RowFailure> errors = new ArrayList<>();
        List<Parsed> ok = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (RawRow raw : rows) {
            List<FieldError> rowErrors = new ArrayList<>();
            Parsed p = raw.problem() != null ? null : reader.parse(raw, rowErrors);
            if (raw.problem() != null) {
                rowErrors.add(new FieldError("row", raw.problem()));
            }
            if (p != null && rowErrors.isEmpty()) {
                Integer earlier = seen.putIfAbsent(p.key(), raw.row());
                if (earlier != null) {
                    rowErrors.add(
                            new FieldError("period", "the same indicator, unit, period and gender as row " + earlier));
                }
            }
            if (rowErrors.isEmpty()) {
                ok.add(p);
            } else {
                rowErrors.forEach(e -> errors.add(new RowFailure(raw.row(), raw.line(), e.field(), e.message())));
            }
        }
        return new Checked(ok, errors);
    }

    /** Writes the valid rows; returns {created, corrected, unchanged}. */
    private int[] write(List<Parsed> ok, Map<UUID, Indicator> byId) {
        int created = 0;
        int corrected = 0;
        int unchanged = 0;
        Map<String, Measurement> existing = existing(ok);
        Map<UUID, List<EvaluationEvents.Touched>> touched = new LinkedHashMap<>();
        for (Parsed p : ok) {
            Measurement m = existing.get(p.key());
            boolean isNew = m == null;
            if (isNew) {
                m = MeasurementWrites.newMeasurement(p.indicator(), p.unit(), p.period(), p.gender());
            }
            if (!m.apply(p.values(), today.now(), access.who())) {
                unchanged++;
                continue;
            }
            if (isNew) {
                measurements.persist(m);
                created++;
            } else {
                corrected++;
            }
            writes.recorded(p.indicator(), m);
            touched.computeIfAbsent(p.indicator().id, k -> new ArrayList<>()).add(MeasurementWrites.touched(m));
        }
        writes.flushOrConflict();
        for (Map.Entry<UUID, List<EvaluationEvents.Touched>> t : touched.entrySet()) {
            writes.reevaluate(byId.get(t.getKey()), t.getValue());
        }
        return new int[] {created, corrected, unchanged};
    }

    private void loadIndicators(List<RawRow> rows, Map<String, Indicator> byCode, Map<UUID, Indicator> byId) {
        Set<String> codes = BulkRows.codes(rows);
        Set<UUID> ids = BulkRows.ids(rows);
        if (!codes.isEmpty()) {
            indicators.list("code in ?1", codes).forEach(i -> {
                byCode.put(i.code, i);
                byId.put(i.id, i);
            });
        }
        if (!ids.isEmpty()) {
            indicators.list("id in ?1", ids).forEach(i -> {
                byCode.put(i.code, i);
                byId.put(i.id, i);
            });
        }
    }

    /** The stored measurements of the rows' keys, by key. */
    private Map<String, Measurement> existing(List<Parsed> rows) {
        Map<String, Measurement> out = new HashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        Set<UUID> inds = new HashSet<>();
        Set<UUID> units = new HashSet<>();
        Set<String> periods = new HashSet<>();
        for (Parsed p : rows) {
            inds.add(p.indicator().id);
            units.add(p.unit());
            periods.add(p.period().code());
        }
        for (Measurement m :
                measurements.list("indicatorId in ?1 and orgUnitId in ?2 and period in ?3", inds, units, periods)) {
            out.put(Parsed.key(m.indicatorId, m.orgUnitId, m.period, m.gender), m);
        }
        return out;
    }
}
