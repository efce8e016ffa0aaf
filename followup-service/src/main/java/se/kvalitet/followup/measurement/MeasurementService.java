package se.kvalitet.followup.measurement;

import static se.kvalitet.followup.domain.Numbers.plain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import se.kvalitet.events.followup.MeasurementRecordedV1;
import se.kvalitet.events.followup.TargetMissedV1;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Enums.Status;
import se.kvalitet.followup.domain.Evaluator;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.evaluation.EvaluationEvents;
import se.kvalitet.followup.format.TableFormat;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.indicator.IndicatorTarget;
import se.kvalitet.followup.measurement.MeasurementCommands.BulkOutcome;
import se.kvalitet.followup.measurement.MeasurementCommands.RecordMeasurement;
import se.kvalitet.followup.measurement.MeasurementCommands.RowFailure;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.followup.support.Today;
import se.kvalitet.followup.support.Where;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.orgcopy.OrgTree;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Measurements (mätvärden): recorded one at a time or in bulk, corrected with history kept. Each
 * recording or correction publishes {@code measurement.recorded} and, when the unit's own value
 * misses the målvärde valid for its period, {@code target.missed}, through the outbox.
 */
@ApplicationScoped
public class MeasurementService {

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
    MeasurementRevisionRepository revisions;

    @Inject
    IndicatorRepository indicators;

    @Inject
    FollowupAccess access;

    @Inject
    Outbox outbox;

    @Inject
    Today today;

    @Inject
    EvaluationEvents indicatorEvents;

    /** One row of a bulk upload as text: column name (any case) → value; {@code line} is the CSV line or null. */
    public record RawRow(int row, Integer line, Map<String, String> cells, String problem) {}

    @Transactional
    public Measurement create(RecordMeasurement r) {
        Indicator ind = indicators
                .findByIdOptional(r.indicatorId())
                .orElseThrow(() -> ReferenceProblems.unknown("indicatorId", "no such indicator"));
        access.requireWriteFor(r.orgUnitId());
        access.requireKnownUnit("orgUnitId", r.orgUnitId());
        Gender gender = r.gender() == null ? Gender.T : r.gender();
        List<FieldError> errors = new ArrayList<>();
        Period period = MeasurementRules.period(ind, r.period(), "period", errors);
        MeasurementRules.gender(ind, gender, "gender", errors);
        Measurement.Values values = r.values();
        new TextGuard()
                .text("comment", values.comment())
                .text("source", values.source())
                .done();
        MeasurementRules.values(ind, values, "", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(
                    "invalid-measurement", "The measurement does not fit indicator " + ind.code, errors);
        }
        Measurement existing = measurements
                .find(
                        "indicatorId = ?1 and orgUnitId = ?2 and period = ?3 and gender = ?4",
                        ind.id,
                        r.orgUnitId(),
                        period.code(),
                        gender)
                .firstResult();
        if (existing != null) {
            throw ProblemException.conflict(
                            "measurement-exists",
                            "A measurement of this indicator, unit, period and gender exists; correct it with PUT and If-Match")
                    .with("existingId", existing.id)
                    .with("currentETag", "\"" + existing.version + "\"");
        }
        Measurement m = newMeasurement(ind, r.orgUnitId(), period, gender);
        m.apply(values, today.now(), access.who());
        measurements.persist(m);
        flushOrConflict();
        recorded(ind, m);
        indicatorEvents.measured(ind, List.of(touched(m)));
        return m;
    }

    @Transactional
    public Measurement correct(UUID id, String ifMatch, Measurement.Values values) {
        Measurement m = get(id);
        access.requireWriteFor(m.orgUnitId);
        ETags.requireMatch(ifMatch, m.version);
        Indicator ind = indicators.findById(m.indicatorId);
        List<FieldError> errors = new ArrayList<>();
        new TextGuard()
                .text("comment", values.comment())
                .text("source", values.source())
                .done();
        MeasurementRules.values(ind, values, "", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(
                    "invalid-measurement", "The measurement does not fit indicator " + ind.code, errors);
        }
        if (m.apply(values, today.now(), access.who())) {
            measurements.flush();
            recorded(ind, m);
            indicatorEvents.measured(ind, List.of(touched(m)));
        }
        return m;
    }

    @Transactional
    public Measurement get(UUID id) {
        return measurements.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Measurement " + id));
    }

    /** 403 unless the caller may change measurements of {@code m}'s unit. */
    public void requireWrite(Measurement m) {
        access.requireWriteFor(m.orgUnitId);
    }

    /** The revisions of a measurement, oldest first: for the quality team and the unit's managers. */
    @Transactional
    public List<MeasurementRevision> revisions(UUID id) {
        Measurement m = get(id);
        if (!access.mayWriteFor(m.orgUnitId)) {
            throw ProblemException.forbidden(
                    "The history of a measurement is for the quality team and the unit's managers");
        }
        return revisions.list("key.measurementId = ?1 order by key.revision", id);
    }

    /** Filters of the measurement list. */
    public record Filter(
            UUID indicatorId,
            UUID orgUnitId,
            boolean subtree,
            String period,
            Period from,
            Period to,
            Gender gender,
            java.time.Instant updatedSince) {}

    @Transactional
    public Page<Measurement> list(Filter f, int page, int limit) {
        Set<UUID> units = null;
        if (f.orgUnitId() != null) {
            units = new HashSet<>(List.of(f.orgUnitId()));
            if (f.subtree()) {
                units.addAll(access.tree().descendants(f.orgUnitId()));
            }
        }
        return new Where()
                .and("indicatorId = ?", f.indicatorId())
                .and("orgUnitId in ?", units)
                .and("period = ?", f.period())
                .and("periodStart >= ?", f.from() == null ? null : f.from().start())
                .and("periodEnd <= ?", f.to() == null ? null : f.to().end())
                .and("gender = ?", f.gender())
                .and("updatedAt >= ?", f.updatedSince())
                .page(
                        measurements,
                        f.updatedSince() != null
                                ? "updatedAt, id"
                                : "indicatorId, orgUnitId, periodStart, periodType, gender, id",
                        page,
                        limit);
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
        OrgTree tree = access.tree();
        List<RowFailure> errors = new ArrayList<>();
        List<Parsed> ok = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (RawRow raw : rows) {
            List<FieldError> rowErrors = new ArrayList<>();
            Parsed p = raw.problem() != null ? null : parse(raw, byCode, byId, tree, decimalComma, rowErrors);
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
        if (!errors.isEmpty() && !partial) {
            List<FieldError> fields = errors.stream()
                    .map(e -> new FieldError("rows[" + e.row() + "]." + e.field(), e.message()))
                    .toList();
            throw ProblemException.unprocessable(
                            "bulk-rows-invalid",
                            errors.stream().map(RowFailure::row).distinct().count() + " of " + rows.size()
                                    + " rows are invalid; nothing was written (send partial=true to write the valid rows)",
                            fields)
                    .with("rowErrors", errors);
        }
        int created = 0;
        int corrected = 0;
        int unchanged = 0;
        Map<String, Measurement> existing = existing(ok);
        Map<UUID, List<EvaluationEvents.Touched>> touched = new java.util.LinkedHashMap<>();
        for (Parsed p : ok) {
            Measurement m = existing.get(p.key());
            boolean isNew = m == null;
            if (isNew) {
                m = newMeasurement(p.indicator(), p.unit(), p.period(), p.gender());
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
            recorded(p.indicator(), m);
            touched.computeIfAbsent(p.indicator().id, k -> new ArrayList<>()).add(touched(m));
        }
        flushOrConflict();
        for (Map.Entry<UUID, List<EvaluationEvents.Touched>> t : touched.entrySet()) {
            Indicator ind = byId.get(t.getKey());
            indicatorEvents.measured(ind, t.getValue());
        }
        int failedRows = (int) errors.stream().map(RowFailure::row).distinct().count();
        return new BulkOutcome(rows.size(), created, corrected, unchanged, failedRows, partial, errors);
    }

    private record Parsed(Indicator indicator, UUID unit, Period period, Gender gender, Measurement.Values values) {
        String key() {
            return indicator.id + "|" + unit + "|" + period.code() + "|" + gender;
        }
    }

    private void loadIndicators(List<RawRow> rows, Map<String, Indicator> byCode, Map<UUID, Indicator> byId) {
        Set<String> codes = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (RawRow r : rows) {
            String code = cell(r, "indicatorCode");
            if (code != null) {
                codes.add(code);
            }
            String id = cell(r, "indicatorId");
            if (id != null) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException ignored) {
                    // reported per row
                }
            }
        }
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

    static String cell(RawRow r, String column) {
        String v = r.cells().get(column.toLowerCase(Locale.ROOT));
        return v == null || v.isBlank() ? null : v.strip();
    }

    private Parsed parse(
            RawRow r,
            Map<String, Indicator> byCode,
            Map<UUID, Indicator> byId,
            OrgTree tree,
            boolean decimalComma,
            List<FieldError> errors) {
        Indicator ind = null;
        String id = cell(r, "indicatorId");
        String code = cell(r, "indicatorCode");
        if (id != null) {
            try {
                ind = byId.get(UUID.fromString(id));
                if (ind == null) {
                    errors.add(new FieldError("indicatorId", "no such indicator"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("indicatorId", "must be a UUID"));
            }
            if (ind != null && code != null && !code.equals(ind.code)) {
                errors.add(new FieldError("indicatorCode", "does not match indicatorId (" + ind.code + ")"));
            }
        } else if (code != null) {
            ind = byCode.get(code);
            if (ind == null) {
                errors.add(new FieldError("indicatorCode", "no such indicator"));
            }
        } else {
            errors.add(new FieldError("indicatorCode", "give indicatorCode or indicatorId"));
        }
        UUID unit = null;
        String unitText = cell(r, "orgUnitId");
        if (unitText == null) {
            errors.add(new FieldError("orgUnitId", "is required"));
        } else {
            try {
                unit = UUID.fromString(unitText);
                if (!tree.knows(unit)) {
                    errors.add(new FieldError("orgUnitId", "no such org unit (as published by the process registry)"));
                } else if (!access.mayWriteFor(unit)) {
                    errors.add(new FieldError("orgUnitId", "you may not record follow-up data for this org unit"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("orgUnitId", "must be a UUID"));
            }
        }
        Gender gender = Gender.T;
        String g = cell(r, "gender");
        if (g != null) {
            try {
                gender = Gender.valueOf(g.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("gender", "must be one of T, K, M"));
            }
        }
        MissingReason missing = null;
        String mr = cell(r, "missingReason");
        if (mr != null) {
            try {
                missing = MissingReason.valueOf(mr.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(
                        "missingReason", "must be one of " + java.util.Arrays.toString(MissingReason.values())));
            }
        }
        Measurement.Values values = new Measurement.Values(
                number(r, "value", decimalComma, errors),
                number(r, "numerator", decimalComma, errors),
                number(r, "denominator", decimalComma, errors),
                whole(r, "responses", errors),
                number(r, "responseRate", decimalComma, errors),
                missing,
                text(r, "source", 100, errors),
                text(r, "comment", 1000, errors));
        if (ind == null) {
            return null;
        }
        String periodText = cell(r, "period");
        Period period = null;
        if (periodText == null) {
            errors.add(new FieldError("period", "is required"));
        } else {
            period = MeasurementRules.period(ind, periodText, "period", errors);
        }
        MeasurementRules.gender(ind, gender, "gender", errors);
        MeasurementRules.values(ind, values, "", errors);
        return period == null || unit == null ? null : new Parsed(ind, unit, period, gender, values);
    }

    private static java.math.BigDecimal number(RawRow r, String column, boolean decimalComma, List<FieldError> errors) {
        String v = cell(r, column);
        if (v == null) {
            return null;
        }
        try {
            return TableFormat.parseNumber(v, decimalComma);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(
                    column,
                    e.getMessage() != null && e.getMessage().startsWith("use ") ? e.getMessage() : "is not a number"));
            return null;
        }
    }

    private static Integer whole(RawRow r, String column, List<FieldError> errors) {
        String v = cell(r, column);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 100_000_000) {
                errors.add(new FieldError(column, "must be between 0 and 100000000"));
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(column, "is not a whole number"));
            return null;
        }
    }

    private static String text(RawRow r, String column, int max, List<FieldError> errors) {
        String v = cell(r, column);
        if (v != null && v.length() > max) {
            errors.add(new FieldError(column, "at most " + max + " characters"));
        }
        return v;
    }

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
            out.put(m.indicatorId + "|" + m.orgUnitId + "|" + m.period + "|" + m.gender, m);
        }
        return out;
    }

    private Measurement newMeasurement(Indicator ind, UUID unit, Period period, Gender gender) {
        Measurement m = new Measurement();
        m.id = UUID.randomUUID();
        m.indicatorId = ind.id;
        m.orgUnitId = unit;
        m.period = period.code();
        m.periodType = period.type().name();
        m.periodStart = period.start();
        m.periodEnd = period.end();
        m.gender = gender;
        return m;
    }

    private void flushOrConflict() {
        try {
            measurements.flush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw ProblemException.conflict(
                        "concurrent-write",
                        "Someone recorded the same measurement at the same moment; send the request again");
            }
            throw e;
        }
    }

    private static EvaluationEvents.Touched touched(Measurement m) {
        return new EvaluationEvents.Touched(m.orgUnitId, m.period, m.gender);
    }

    /** The revision row and the events of a new or corrected measurement, in the same transaction. */
    private void recorded(Indicator ind, Measurement m) {
        revisions.persist(MeasurementRevision.of(m));
        outbox.publish(new MeasurementRecordedV1(
                m.id,
                m.indicatorId,
                m.orgUnitId,
                m.period,
                m.gender.name(),
                plain(m.value),
                plain(m.numerator),
                plain(m.denominator),
                m.responses,
                m.missingReason == null ? null : m.missingReason.name(),
                m.revision,
                m.updatedAt));
        Period period = Period.parse(m.period);
        IndicatorTarget target = ind.targetFor(period).orElse(null);
        if (target == null) {
            return;
        }
        Evaluator.Spec spec = ind.spec();
        Evaluator.Figure figure = Evaluator.figure(
                spec,
                new Evaluator.Own(
                        m.value,
                        m.numerator,
                        m.denominator,
                        m.responses == null ? null : m.responses.longValue(),
                        m.missingReason));
        Evaluator.Result r = Evaluator.evaluate(spec, target.rule(), figure, null);
        if (r.status() == Status.NOT_MET) {
            outbox.publish(new TargetMissedV1(
                    ind.id,
                    m.orgUnitId,
                    m.period,
                    m.gender.name(),
                    r.value(),
                    target.comparator,
                    plain(target.targetValue),
                    plain(target.targetUpper),
                    r.distance(),
                    today.now()));
        }
    }
}
