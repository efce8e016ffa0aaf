package se.kvalitet.followup.measurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.evaluation.EvaluationEvents;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.measurement.BulkRows.Parsed;
import se.kvalitet.followup.measurement.MeasurementCommands.RawRow;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFiles;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.imports.ImportRowStatus;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The migration import of past measurements (issue 16 item 1): each row a measurement of a past period
 * with its reference in the system it comes from ({@code sourceSystem}, {@code sourceId}). Rows are read
 * and checked as a bulk upload's ({@link BulkRows}: the same rules as a live measurement); a valid row whose
 * reference is new and whose (indicator, unit, period, gender) holds no measurement yet is stored with its
 * provenance and publishes exactly what a live recording publishes ({@link MeasurementWrites}); a reference
 * imported before with the same values is ALREADY_IMPORTED, with other values REJECTED. The run (who,
 * when, every row's outcome) is stored in the same transaction as the rows it accepted: never half.
 */
@ApplicationScoped
public class MeasurementImport {

    public static final int MAX_ROWS = 5_000;

    /** A whole run is one transaction; 10 minutes, above the default 60 s, for a loaded machine. */
    static final int IMPORT_TRANSACTION_TIMEOUT_SECONDS = 600;

    static final Pattern SOURCE_SYSTEM = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    /** The columns of an import row: a bulk upload's and the source reference. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of("sourceSystem", "sourceId"));
        c.addAll(BulkUpload.COLUMNS);
        COLUMNS = List.copyOf(c);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IndicatorRepository indicators;

    @Inject
    MeasurementRepository measurements;

    @Inject
    MeasurementImportRunRepository runs;

    @Inject
    MeasurementImportRowRepository rowOutcomes;

    @Inject
    MeasurementMigrationRepository migrations;

    @Inject
    MeasurementWrites writes;

    @Inject
    FollowupAccess access;

    @Inject
    Today today;

    /** A run as read back: the run and one page of its rows (with the asked status). */
    public record RunView(MeasurementImportRun run, List<RowView> rows, int page, int limit, long totalRows) {}

    /** One row's outcome. */
    public record RowView(
            int row,
            ImportRowStatus status,
            String sourceSystem,
            String sourceId,
            UUID measurementId,
            List<FieldError> errors) {}

    /** A checked row: its reference, what it records, and its digest. */
    private record Candidate(RawRow raw, String sourceSystem, String sourceId, Parsed parsed, String digest) {
        MeasurementMigration.Key ref() {
            return new MeasurementMigration.Key(sourceSystem, sourceId);
        }
    }

    /** Imports one file; returns the run's id. Every row is answered; the accepted ones are stored whole. */
    @Transactional
    // a run of up to 5 000 rows is one transaction: on a loaded machine it may outlast the default 60 s
    @TransactionConfiguration(timeout = IMPORT_TRANSACTION_TIMEOUT_SECONDS)
    public UUID run(ImportFormat format, byte[] body) {
        List<RawRow> raws = format == ImportFormat.CSV
                ? BulkReader.csv(new ByteArrayInputStream(body), null, COLUMNS, MAX_ROWS)
                : BulkReader.ndjson(ImportFiles.utf8(body), COLUMNS, MAX_ROWS);
        if (raws.isEmpty()) {
            throw ProblemException.badRequest("empty-upload", "The file has no rows", List.of());
        }
        Instant now = today.now();
        MeasurementImportRun run = new MeasurementImportRun();
        run.id = UUID.randomUUID();
        run.format = format.name();
        run.status = "COMPLETED";
        run.importedBy = access.who();
        run.startedAt = now;
        run.total = raws.size();
        runs.persist(run);
        runs.flush();

        Map<String, Indicator> byCode = new HashMap<>();
        Map<UUID, Indicator> byId = new HashMap<>();
        loadIndicators(raws, byCode, byId);
        // the importer brings the whole organisation's history: every unit the organisation has
        BulkRows reader = new BulkRows(byCode, byId, access::knowsUnit, unit -> true, false);

        Map<Integer, MeasurementImportRow> outcomes = new LinkedHashMap<>();
        List<Candidate> candidates = check(run.id, raws, reader, outcomes);
        Map<MeasurementMigration.Key, MeasurementMigration> before = importedBefore(candidates);
        Map<String, Measurement> stored = stored(candidates);

        Map<UUID, List<EvaluationEvents.Touched>> touched = new LinkedHashMap<>();
        List<MeasurementMigration> newRefs = new ArrayList<>();
        for (Candidate c : candidates) {
            MeasurementMigration earlier = before.get(c.ref());
            Measurement existing = stored.get(c.parsed().key());
            if (earlier != null && earlier.digest.equals(c.digest())) {
                outcomes.put(
                        c.raw().row(), outcome(run.id, c, ImportRowStatus.ALREADY_IMPORTED, earlier.measurementId));
            } else if (earlier != null) {
                outcomes.put(
                        c.raw().row(),
                        rejected(
                                run.id,
                                c.raw().row(),
                                List.of(new FieldError(
                                        "sourceId",
                                        "was imported before (measurement " + earlier.measurementId
                                                + ") with other values; correct it with PUT /followup/v1/measurements/"
                                                + earlier.measurementId))));
            } else if (existing != null) {
                outcomes.put(
                        c.raw().row(),
                        rejected(
                                run.id,
                                c.raw().row(),
                                List.of(new FieldError(
                                        "period",
                                        "this indicator, unit, period and gender has a measurement already ("
                                                + existing.id + "); an import does not overwrite it"))));
            } else {
                Parsed p = c.parsed();
                Measurement m = MeasurementWrites.newMeasurement(p.indicator(), p.unit(), p.period(), p.gender());
                m.apply(p.values(), now, run.importedBy);
                m.sourceSystem = c.sourceSystem();
                m.sourceId = c.sourceId();
                m.importRunId = run.id;
                measurements.persist(m);
                writes.recorded(p.indicator(), m);
                touched.computeIfAbsent(p.indicator().id, k -> new ArrayList<>())
                        .add(MeasurementWrites.touched(m));
                MeasurementMigration ref = new MeasurementMigration();
                ref.key = c.ref();
                ref.measurementId = m.id;
                ref.importRunId = run.id;
                ref.digest = c.digest();
                ref.importedAt = now;
                newRefs.add(ref);
                outcomes.put(c.raw().row(), outcome(run.id, c, ImportRowStatus.ACCEPTED, m.id));
            }
        }
        writes.flushOrConflict();
        migrations.persist(newRefs);
        writes.flushOrConflict();
        for (Map.Entry<UUID, List<EvaluationEvents.Touched>> t : touched.entrySet()) {
            writes.reevaluate(byId.get(t.getKey()), t.getValue());
        }
        List<MeasurementImportRow> all = new ArrayList<>(outcomes.values());
        all.sort((a, b) -> Integer.compare(a.key.rowNumber(), b.key.rowNumber()));
        rowOutcomes.persist(all);
        for (MeasurementImportRow r : all) {
            switch (ImportRowStatus.valueOf(r.status)) {
                case ACCEPTED -> run.accepted++;
                case ALREADY_IMPORTED -> run.alreadyImported++;
                case REJECTED -> run.rejected++;
            }
        }
        run.finishedAt = today.now();
        return run.id;
    }

    /** The run with one page of its rows by row number, only those with {@code status} when given. */
    @Transactional
    public Optional<RunView> read(UUID id, ImportRowStatus status, int page, int limit) {
        return runs.findByIdOptional(id).map(run -> {
            var query = status == null
                    ? rowOutcomes.find("key.runId = ?1", Sort.by("key.rowNumber"), id)
                    : rowOutcomes.find("key.runId = ?1 and status = ?2", Sort.by("key.rowNumber"), id, status.name());
            long total = query.count();
            List<RowView> rows = query.page(Page.of(page - 1, limit)).list().stream()
                    .map(MeasurementImport::view)
                    .toList();
            return new RunView(run, rows, page, limit, total);
        });
    }

    private static RowView view(MeasurementImportRow r) {
        List<FieldError> errors = List.of();
        if (r.errors != null) {
            try {
                errors = JSON.readValue(r.errors, new TypeReference<List<FieldError>>() {});
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored row errors are not readable", e);
            }
        }
        return new RowView(
                r.key.rowNumber(),
                ImportRowStatus.valueOf(r.status),
                r.sourceSystem,
                r.sourceId,
                r.measurementId,
                errors);
    }

    /** Checks each row's form and rules; rejected rows go straight to {@code outcomes}, the rest are returned. */
    private List<Candidate> check(
            UUID run, List<RawRow> raws, BulkRows reader, Map<Integer, MeasurementImportRow> outcomes) {
        List<Candidate> ok = new ArrayList<>();
        Map<String, Integer> keys = new HashMap<>();
        Map<MeasurementMigration.Key, Integer> refs = new HashMap<>();
        for (RawRow raw : raws) {
            List<FieldError> errors = new ArrayList<>();
            if (raw.problem() != null) {
                errors.add(new FieldError("row", raw.problem()));
                outcomes.put(raw.row(), rejected(run, raw.row(), errors));
                continue;
            }
            String system = reference(raw, "sourceSystem", SOURCE_SYSTEM, "[A-Za-z0-9._-], 1-100 characters", errors);
            String sourceId = reference(raw, "sourceId", SOURCE_ID, "[A-Za-z0-9._:/-], 1-200 characters", errors);
            Parsed p = reader.parse(raw, errors);
            if (errors.isEmpty() && p != null) {
                Integer earlier = refs.putIfAbsent(new MeasurementMigration.Key(system, sourceId), raw.row());
                if (earlier != null) {
                    errors.add(new FieldError("sourceId", "the same sourceSystem and sourceId as row " + earlier));
                }
                Integer sameKey = keys.putIfAbsent(p.key(), raw.row());
                if (sameKey != null) {
                    errors.add(
                            new FieldError("period", "the same indicator, unit, period and gender as row " + sameKey));
                }
            }
            if (errors.isEmpty() && p != null) {
                ok.add(new Candidate(raw, system, sourceId, p, digest(p)));
            } else {
                outcomes.put(raw.row(), rejected(run, raw.row(), errors));
            }
        }
        return ok;
    }

    private static String reference(RawRow raw, String column, Pattern form, String rule, List<FieldError> errors) {
        String v = BulkRows.cell(raw, column);
        if (v == null) {
            errors.add(new FieldError(column, "is required"));
            return null;
        }
        if (!form.matcher(v).matches()) {
            errors.add(new FieldError(column, "must be " + rule));
            return null;
        }
        if (PersonalIdentityNumbers.containsAny(v)) {
            // a reference is stored and answered as an identifier: never a personnummer, however written
            errors.add(new FieldError(column, "contains what looks like a personal identity number"));
            return null;
        }
        return v;
    }

    /** What a row records, as a digest: the same reference with the same digest is the same row again. */
    static String digest(Parsed p) {
        Measurement.Values v = p.values();
        String text = String.join(
                "|",
                p.indicator().id.toString(),
                p.unit().toString(),
                p.period().code(),
                p.gender().name(),
                plain(v.value()),
                plain(v.numerator()),
                plain(v.denominator()),
                String.valueOf(v.responses()),
                plain(v.responseRate()),
                String.valueOf(v.missingReason()),
                String.valueOf(v.source()),
                String.valueOf(v.comment()));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal d) {
        return d == null ? "null" : d.stripTrailingZeros().toPlainString();
    }

    private static MeasurementImportRow outcome(UUID run, Candidate c, ImportRowStatus status, UUID measurement) {
        MeasurementImportRow r = new MeasurementImportRow();
        r.key = new MeasurementImportRow.Key(run, c.raw().row());
        r.status = status.name();
        r.sourceSystem = c.sourceSystem();
        r.sourceId = c.sourceId();
        r.measurementId = measurement;
        return r;
    }

    /** A rejected row: its number and errors, no reference echoed (its number identifies it). */
    private static MeasurementImportRow rejected(UUID run, int row, List<FieldError> errors) {
        MeasurementImportRow r = new MeasurementImportRow();
        r.key = new MeasurementImportRow.Key(run, row);
        r.status = ImportRowStatus.REJECTED.name();
        try {
            r.errors = JSON.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return r;
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

    /** The references of the candidates imported before, by reference (the primary key answers it). */
    private Map<MeasurementMigration.Key, MeasurementMigration> importedBefore(List<Candidate> candidates) {
        Map<MeasurementMigration.Key, MeasurementMigration> out = new HashMap<>();
        if (candidates.isEmpty()) {
            return out;
        }
        Set<String> systems = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Candidate c : candidates) {
            systems.add(c.sourceSystem());
            ids.add(c.sourceId());
        }
        for (MeasurementMigration m : migrations.list("key.sourceSystem in ?1 and key.sourceId in ?2", systems, ids)) {
            out.put(m.key, m);
        }
        return out;
    }

    /** The stored measurements of the candidates' keys, by key (the unique key answers it). */
    private Map<String, Measurement> stored(List<Candidate> candidates) {
        Map<String, Measurement> out = new HashMap<>();
        if (candidates.isEmpty()) {
            return out;
        }
        Set<UUID> inds = new HashSet<>();
        Set<UUID> units = new HashSet<>();
        Set<String> periods = new HashSet<>();
        for (Candidate c : candidates) {
            inds.add(c.parsed().indicator().id);
            units.add(c.parsed().unit());
            periods.add(c.parsed().period().code());
        }
        for (Measurement m :
                measurements.list("indicatorId in ?1 and orgUnitId in ?2 and period in ?3", inds, units, periods)) {
            out.put(Parsed.key(m.indicatorId, m.orgUnitId, m.period, m.gender), m);
        }
        return out;
    }
}
