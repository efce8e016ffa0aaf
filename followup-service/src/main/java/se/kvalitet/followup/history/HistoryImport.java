package se.kvalitet.followup.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
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
import org.hibernate.exception.ConstraintViolationException;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFiles;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.imports.ImportRowStatus;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The migration import of follow-up history other than measurements (issue 16 item 1): past quality initiatives and
 * past egenkontroll occurrences, one {@link HistoryKind} each. A file (platform/web's {@link ImportFiles}: NDJSON or
 * CSV) is read into rows; each row has its reference in the system it comes from ({@code sourceSystem},
 * {@code sourceId}) and is checked by its kind as the live API checks the same data; a valid row whose reference is
 * new and that clashes with nothing stored is replayed through the live rules by its kind, with its provenance; a
 * reference imported before with the same values is ALREADY_IMPORTED (nothing stored or published), with other values
 * REJECTED. The run (who, when, every row's outcome) is stored in the same transaction as the rows it accepted: never
 * half. A rejected row stores nothing.
 */
@ApplicationScoped
public class HistoryImport {

    /** At most this many rows a file. */
    public static final int MAX_ROWS = 5_000;

    /** A whole run is one transaction; 10 minutes, above the default 60 s, for a loaded machine. */
    static final int IMPORT_TRANSACTION_TIMEOUT_SECONDS = 600;

    static final Pattern SOURCE_SYSTEM = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    HistoryImportRunRepository runs;

    @Inject
    HistoryImportRowRepository rowOutcomes;

    @Inject
    HistoryMigrationRepository migrations;

    @Inject
    FollowupAccess access;

    @Inject
    Today today;

    /** A run as read back: the run and one page of its rows (with the asked status). */
    public record RunView(HistoryImportRun run, List<RowView> rows, int page, int limit, long totalRows) {}

    /** One row's outcome. */
    public record RowView(
            int row,
            ImportRowStatus status,
            String sourceSystem,
            String sourceId,
            UUID recordId,
            List<FieldError> errors) {}

    private record Candidate<C>(int row, HistoryMigration.Key ref, C checked, String digest) {}

    /** The fields of a row of {@code kind}: the source reference and the kind's own. */
    public static List<String> columns(HistoryKind<?> kind) {
        List<String> c = new ArrayList<>(List.of("sourceSystem", "sourceId"));
        c.addAll(kind.fields());
        return List.copyOf(c);
    }

    /** Imports one file of {@code kind}; returns the run's id. Every row is answered; the accepted ones are stored whole. */
    @Transactional
    // a run of up to 5 000 rows is one transaction: on a loaded machine it may outlast the default 60 s
    @TransactionConfiguration(timeout = IMPORT_TRANSACTION_TIMEOUT_SECONDS)
    public <C> UUID run(HistoryKind<C> kind, ImportFormat format, byte[] body) {
        List<ImportFiles.Row> rows =
                ImportFiles.read(format, ImportFiles.utf8(body), Set.copyOf(columns(kind)), MAX_ROWS);
        if (rows.isEmpty()) {
            throw ProblemException.badRequest(
                    "import-empty", "The file has no rows", List.of(new FieldError("body", "no rows")));
        }
        Instant now = today.now();
        HistoryImportRun run = new HistoryImportRun();
        run.id = UUID.randomUUID();
        run.kind = kind.name();
        run.format = format.name();
        run.status = "COMPLETED";
        run.importedBy = access.who();
        run.startedAt = now;
        run.total = rows.size();
        runs.persist(run);
        runs.flush();

        Map<Integer, HistoryImportRow> outcomes = new LinkedHashMap<>();
        List<Candidate<C>> candidates = check(kind, run.id, rows, outcomes);
        Map<HistoryMigration.Key, HistoryMigration> before = importedBefore(kind, candidates);
        Map<String, Integer> sameKeys = new HashMap<>();
        for (Candidate<C> c : candidates) {
            HistoryMigration earlier = before.get(c.ref());
            if (earlier != null && earlier.digest.equals(c.digest())) {
                outcomes.put(c.row(), outcome(run.id, c, ImportRowStatus.ALREADY_IMPORTED, earlier.recordId));
                continue;
            }
            if (earlier != null) {
                outcomes.put(
                        c.row(),
                        rejected(
                                run.id,
                                c.row(),
                                List.of(new FieldError(
                                        "sourceId",
                                        "was imported before (" + earlier.recordId + ") with other values; an"
                                                + " import does not change what it brought in"))));
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            String key = kind.sameKey(c.checked());
            Integer sameAs = key == null ? null : sameKeys.get(key);
            if (sameAs != null) {
                errors.add(kind.sameAs(sameAs));
            } else {
                errors.addAll(kind.clash(c.checked()));
            }
            if (!errors.isEmpty()) {
                outcomes.put(c.row(), rejected(run.id, c.row(), errors));
                continue;
            }
            if (key != null) {
                sameKeys.put(key, c.row());
            }
            UUID id = kind.store(
                    c.checked(),
                    new HistoryKind.Provenance(
                            c.ref().sourceSystem(), c.ref().sourceId(), run.id, run.importedBy, now));
            HistoryMigration ref = new HistoryMigration();
            ref.key = c.ref();
            ref.recordId = id;
            ref.importRunId = run.id;
            ref.digest = c.digest();
            ref.importedAt = now;
            migrations.persist(ref);
            outcomes.put(c.row(), outcome(run.id, c, ImportRowStatus.ACCEPTED, id));
        }
        flushOrConflict();
        List<HistoryImportRow> all = new ArrayList<>(outcomes.values());
        all.sort((a, b) -> Integer.compare(a.key.rowNumber(), b.key.rowNumber()));
        rowOutcomes.persist(all);
        for (HistoryImportRow r : all) {
            switch (ImportRowStatus.valueOf(r.status)) {
                case ACCEPTED -> run.accepted++;
                case ALREADY_IMPORTED -> run.alreadyImported++;
                case REJECTED -> run.rejected++;
            }
        }
        run.finishedAt = today.now();
        return run.id;
    }

    /** The run of {@code kind} with one page of its rows by row number, only those with {@code status} when given. */
    @Transactional
    public Optional<RunView> read(String kind, UUID id, ImportRowStatus status, int page, int limit) {
        return runs.findByIdOptional(id).filter(run -> run.kind.equals(kind)).map(run -> {
            var query = status == null
                    ? rowOutcomes.find("key.runId = ?1", Sort.by("key.rowNumber"), id)
                    : rowOutcomes.find("key.runId = ?1 and status = ?2", Sort.by("key.rowNumber"), id, status.name());
            long total = query.count();
            List<RowView> rows = query.page(Page.of(page - 1, limit)).list().stream()
                    .map(HistoryImport::view)
                    .toList();
            return new RunView(run, rows, page, limit, total);
        });
    }

    /** SHA-256 of the parts (null as "null"), joined by "|": a kind's digest of what a row records. */
    public static String digest(Object... parts) {
        List<String> text = new ArrayList<>();
        for (Object p : parts) {
            text.add(String.valueOf(p));
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(String.join("|", text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks each row's form and the kind's rules; rejected rows go straight to {@code outcomes}. */
    private <C> List<Candidate<C>> check(
            HistoryKind<C> kind, UUID run, List<ImportFiles.Row> rows, Map<Integer, HistoryImportRow> outcomes) {
        List<Candidate<C>> ok = new ArrayList<>();
        Map<HistoryMigration.Key, Integer> refs = new HashMap<>();
        for (ImportFiles.Row raw : rows) {
            if (raw.fields().isEmpty() && !raw.unreadable().isEmpty()) {
                outcomes.put(raw.rowNumber(), rejected(run, raw.rowNumber(), raw.unreadable()));
                continue;
            }
            RowFields f = RowFields.of(raw.fields(), raw.unreadable());
            String system = reference(f, "sourceSystem", SOURCE_SYSTEM, "[A-Za-z0-9._-], 1-100 characters");
            String sourceId = reference(f, "sourceId", SOURCE_ID, "[A-Za-z0-9._:/-], 1-200 characters");
            C checked = kind.check(f);
            HistoryMigration.Key ref = new HistoryMigration.Key(kind.name(), system, sourceId);
            if (f.ok()) {
                Integer earlier = refs.putIfAbsent(ref, raw.rowNumber());
                if (earlier != null) {
                    f.error("sourceId", "the same sourceSystem and sourceId as row " + earlier);
                }
            }
            if (f.ok()) {
                ok.add(new Candidate<>(raw.rowNumber(), ref, checked, kind.digest(checked)));
            } else {
                outcomes.put(raw.rowNumber(), rejected(run, raw.rowNumber(), f.errors()));
            }
        }
        return ok;
    }

    private static String reference(RowFields f, String field, Pattern form, String rule) {
        String v = f.text(field, 200, true);
        if (v != null && !form.matcher(v).matches()) {
            f.error(field, "must be " + rule);
            return null;
        }
        if (v != null && PersonalIdentityNumbers.containsAny(v)) {
            // a reference is stored and answered as an identifier: never a personnummer, however written
            f.error(field, "contains what looks like a personal identity number");
            return null;
        }
        return v;
    }

    /** The references of the candidates imported before, by reference (the primary key answers it). */
    private <C> Map<HistoryMigration.Key, HistoryMigration> importedBefore(
            HistoryKind<C> kind, List<Candidate<C>> candidates) {
        Map<HistoryMigration.Key, HistoryMigration> out = new HashMap<>();
        if (candidates.isEmpty()) {
            return out;
        }
        Set<String> systems = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Candidate<C> c : candidates) {
            systems.add(c.ref().sourceSystem());
            ids.add(c.ref().sourceId());
        }
        for (HistoryMigration m : migrations.list(
                "key.kind = ?1 and key.sourceSystem in ?2 and key.sourceId in ?3", kind.name(), systems, ids)) {
            out.put(m.key, m);
        }
        return out;
    }

    /** Two runs storing the same reference (or record) at the same moment meet at a key: a 409, nothing stored. */
    private void flushOrConflict() {
        try {
            migrations.flush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw ProblemException.conflict(
                        "concurrent-write",
                        "Another import stored one of the same records at the same moment; nothing of this run was"
                                + " stored: send the file again");
            }
            throw e;
        }
    }

    private static RowView view(HistoryImportRow r) {
        List<FieldError> errors = List.of();
        if (r.errors != null) {
            try {
                errors = JSON.readValue(r.errors, new TypeReference<List<FieldError>>() {});
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored row errors are not readable", e);
            }
        }
        return new RowView(
                r.key.rowNumber(), ImportRowStatus.valueOf(r.status), r.sourceSystem, r.sourceId, r.recordId, errors);
    }

    private static HistoryImportRow outcome(UUID run, Candidate<?> c, ImportRowStatus status, UUID record) {
        HistoryImportRow r = new HistoryImportRow();
        r.key = new HistoryImportRow.Key(run, c.row());
        r.status = status.name();
        r.sourceSystem = c.ref().sourceSystem();
        r.sourceId = c.ref().sourceId();
        r.recordId = record;
        return r;
    }

    /** A rejected row: its number and errors, no reference echoed (its number identifies it). */
    private static HistoryImportRow rejected(UUID run, int row, List<FieldError> errors) {
        HistoryImportRow r = new HistoryImportRow();
        r.key = new HistoryImportRow.Key(run, row);
        r.status = ImportRowStatus.REJECTED.name();
        try {
            r.errors = JSON.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return r;
    }
}
