package se.kvalitet.deviation.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Tuple;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.web.Page;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFiles;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.imports.ImportRowStatus;

/**
 * The migration import (issue 16 item 1): a file of historical reports, each row replayed through the
 * live services at its original dates ({@link ImportReplay}), once per source reference. Row by row
 * atomic: a row is stored whole (the report, its steps, its events in the outbox, its provenance) or not at
 * all, and a run records each row's outcome. Rows are validated first and then written in batches, many to a
 * transaction ({@link #importBatch}); a batch a live rule refuses a row of is rolled back and done row by row. A
 * file posted again answers its rows as already imported.
 */
@ApplicationScoped
public class MigrationImport {

    private static final Logger LOG = Logger.getLogger(MigrationImport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row's outcome. */
    record RowResult(
            int row,
            ImportRowStatus status,
            String sourceSystem,
            String sourceId,
            UUID deviationId,
            List<Problem.FieldError> errors) {}

    /** A run as stored. */
    record Run(
            UUID id,
            String status,
            String format,
            Instant startedAt,
            Instant finishedAt,
            int total,
            int accepted,
            int alreadyImported,
            int rejected,
            Page<RowResult> rows) {}

    @ConfigProperty(name = "kvalitet.migration.threads", defaultValue = "2")
    int threads;

    /** Rows written in one transaction (see {@link #importBatch}); 1 is a transaction per row. */
    @ConfigProperty(name = "kvalitet.migration.batch", defaultValue = "50")
    int batch;

    @Inject
    OrgCopy orgUnits;

    @Inject
    ImportReplay replay;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    se.kvalitet.web.Caller caller;

    private ExecutorService workers;

    void onStart(@Observes StartupEvent ev) {
        workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "migration-import");
            t.setDaemon(true);
            return t;
        });
        // a run the service stopped in the middle of stays readable as it was: its stored rows stand, the
        // rest were never stored (each row is one transaction); posting the file again finishes it
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE migration_import_run SET status = 'INTERRUPTED' WHERE status = 'RUNNING'")
                        .executeUpdate());
    }

    @PreDestroy
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** What a request gets: the run, done (every row's outcome) or still running after the wait. */
    record Outcome(Run run, boolean done) {}

    /**
     * Imports the rows of {@code body}, waiting at most {@code wait} (null: until done) for every row: a run not done
     * by then goes on in the background and is answered as it stands ({@code RUNNING}; its rows when it completes).
     * A file the service cannot finish within the gateway's route timeout must not become a 504 whose outcome the
     * client cannot know.
     */
    public Outcome run(ImportFormat format, String body, java.time.Duration wait) {
        List<ImportFiles.Row> raws = ImportRows.read(format, body);
        if (raws.isEmpty()) {
            throw ProblemException.badRequest(
                    "import-empty", "The file has no rows", List.of(new Problem.FieldError("body", "no rows")));
        }
        UUID runId = UUID.randomUUID();
        Instant started = clock.instant();
        ImportIdentity who = new ImportIdentity(caller.subject(), caller.username(), caller.clientId());
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("INSERT INTO migration_import_run"
                                + " (id, format, submitted_by, submitted_client, started_at, status, rows_total)"
                                + " VALUES (:id, :f, :by, :client, :at, 'RUNNING', :n)")
                        .setParameter("id", runId)
                        .setParameter("f", format.name())
                        .setParameter("by", who.subject())
                        .setParameter("client", who.clientId())
                        .setParameter("at", started)
                        .setParameter("n", raws.size())
                        .executeUpdate());
        // the rows in batches of `batch` (one transaction each, see importBatch), the batches on the workers
        List<CompletableFuture<List<RowResult>>> futures = new ArrayList<>();
        for (int from = 0; from < raws.size(); from += Math.max(1, batch)) {
            List<ImportFiles.Row> part = raws.subList(from, Math.min(raws.size(), from + Math.max(1, batch)));
            futures.add(CompletableFuture.supplyAsync(
                    () -> {
                        List<RowResult> out = new ArrayList<>(part.size());
                        who.run(() -> out.addAll(importBatch(part, runId, started)));
                        return out;
                    },
                    workers));
        }
        // the run is stored when its last row is done, on that row's worker (the request may have gone by then)
        CompletableFuture<Run> done = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(none -> {
                    List<RowResult> results =
                            futures.stream().flatMap(f -> f.join().stream()).toList();
                    Instant finished = clock.instant();
                    QuarkusTransaction.requiringNew().run(() -> store(runId, results, finished));
                    return read(runId, null, 1, Math.max(1, results.size())).orElseThrow();
                })
                .whenComplete((run, failure) -> {
                    if (failure != null) {
                        LOG.errorf(
                                "import run %s stopped: %s",
                                runId,
                                failure.getCause() == null
                                        ? failure.getClass().getName()
                                        : failure.getCause().getClass().getName());
                        QuarkusTransaction.requiringNew()
                                .run(() -> em.createNativeQuery(
                                                "UPDATE migration_import_run SET status = 'INTERRUPTED' WHERE id = :id")
                                        .setParameter("id", runId)
                                        .executeUpdate());
                    }
                });
        try {
            return wait == null
                    ? new Outcome(done.get(), true)
                    : new Outcome(done.get(wait.toMillis(), TimeUnit.MILLISECONDS), true);
        } catch (TimeoutException e) {
            return new Outcome(read(runId, null, 1, 1).orElseThrow(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an import row failed outside its own handling", e.getCause());
        }
    }

    /** A row checked for form and found new, on its way into a batch. */
    private record Pending(int index, ImportFiles.Row raw, ImportRow row) {}

    /**
     * Imports a batch of rows in as few transactions as it can, with the same outcome for every row as
     * {@link #importRow} alone. Validated first, then written: the form of every row is checked and the batch's
     * references are looked up in one query (a rejected or already imported row is answered at once and never
     * written); a row that a live rule would likely refuse (an unknown unit, a personnummer, a date before the step
     * it follows), or whose reference came earlier in the batch, is done alone by {@link #importRow}; the rest are
     * replayed one after the other in ONE transaction with their provenance, and committed together. If a live
     * rule refuses one of them after all (or another run stored one of the references at the same moment), that
     * transaction is rolled back whole and each of its rows is done alone: so a rejected row stores nothing, an
     * accepted row is stored whole, and a batch is never stored in part.
     */
    private List<RowResult> importBatch(List<ImportFiles.Row> raws, UUID runId, Instant now) {
        RowResult[] results = new RowResult[raws.size()];
        List<Pending> checked = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            ImportFiles.Row raw = raws.get(i);
            try {
                checked.add(new Pending(i, raw, ImportRows.check(raw, now)));
            } catch (ProblemException e) {
                results[i] = rejected(raw, e.errors());
            }
        }
        Map<Reference, UUID> before = imported(checked.stream()
                .map(p -> new Reference(p.row().sourceSystem(), p.row().sourceId()))
                .toList());
        List<Pending> write = new ArrayList<>();
        List<Pending> alone = new ArrayList<>();
        Set<Reference> seen = new HashSet<>();
        Map<UUID, Boolean> units = new HashMap<>();
        for (Pending p : checked) {
            ImportRow row = p.row();
            Reference ref = new Reference(row.sourceSystem(), row.sourceId());
            UUID existing = before.get(ref);
            if (existing != null) {
                results[p.index()] = new RowResult(
                        p.raw().rowNumber(),
                        ImportRowStatus.ALREADY_IMPORTED,
                        row.sourceSystem(),
                        row.sourceId(),
                        existing,
                        null);
            } else if (!seen.add(ref)
                    || !units.computeIfAbsent(row.orgUnitId(), orgUnits::knows)
                    || !ImportPrecheck.plain(row)) {
                alone.add(p);
            } else {
                write.add(p);
            }
        }
        if (!write.isEmpty() && batch > 1) {
            try {
                List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> {
                    List<UUID> made = new ArrayList<>(write.size());
                    for (Pending p : write) {
                        made.add(replay.replay(p.row()));
                        // each row's entities leave the persistence context once written: the flushes of the next
                        // rows check only their own
                        em.flush();
                        em.clear();
                    }
                    provenance(write, made, runId, now);
                    return made;
                });
                for (int k = 0; k < write.size(); k++) {
                    Pending p = write.get(k);
                    results[p.index()] = new RowResult(
                            p.raw().rowNumber(),
                            ImportRowStatus.ACCEPTED,
                            p.row().sourceSystem(),
                            p.row().sourceId(),
                            ids.get(k),
                            null);
                }
                write.clear();
            } catch (RuntimeException e) {
                // nothing of the batch was stored: each of its rows alone, for its own outcome
                LOG.debugf(
                        "import batch of run %s rolled back: %s",
                        runId, e.getClass().getName());
            }
        }
        alone.addAll(write);
        alone.sort(Comparator.comparingInt(Pending::index));
        for (Pending p : alone) {
            results[p.index()] = importRow(p.raw(), runId, now);
        }
        return List.of(results);
    }

    /** A row's reference in the system it comes from. */
    private record Reference(String system, String id) {}

    /** The reports imported before for these references (one query). */
    private Map<Reference, UUID> imported(List<Reference> refs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> em.unwrap(Session.class).doReturningWork(c -> {
                    Map<Reference, UUID> found = new HashMap<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT m.source_system, m.source_id,"
                            + " m.deviation_id FROM deviation_migration m"
                            + " JOIN unnest(?::text[], ?::text[]) AS r (s, i)"
                            + " ON m.source_system = r.s AND m.source_id = r.i")) {
                        ps.setArray(
                                1,
                                c.createArrayOf(
                                        "text",
                                        refs.stream().map(Reference::system).toArray()));
                        ps.setArray(
                                2,
                                c.createArrayOf(
                                        "text", refs.stream().map(Reference::id).toArray()));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                found.put(new Reference(rs.getString(1), rs.getString(2)), rs.getObject(3, UUID.class));
                            }
                        }
                    }
                    return found;
                }));
    }

    /** The provenance of a batch's reports, in one JDBC batch on the transaction's connection. */
    private void provenance(List<Pending> rows, List<UUID> ids, UUID runId, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deviation_migration"
                    + " (deviation_id, source_system, source_id, import_run_id, imported_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int k = 0; k < rows.size(); k++) {
                    ps.setObject(1, ids.get(k));
                    ps.setString(2, rows.get(k).row().sourceSystem());
                    ps.setString(3, rows.get(k).row().sourceId());
                    ps.setObject(4, runId);
                    ps.setObject(5, at);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private RowResult importRow(ImportFiles.Row raw, UUID runId, Instant now) {
        ImportRow row;
        try {
            row = ImportRows.check(raw, now);
        } catch (ProblemException e) {
            return rejected(raw, e.errors());
        }
        Optional<UUID> before = imported(row);
        if (before.isPresent()) {
            return new RowResult(
                    raw.rowNumber(),
                    ImportRowStatus.ALREADY_IMPORTED,
                    row.sourceSystem(),
                    row.sourceId(),
                    before.get(),
                    null);
        }
        try {
            UUID id = QuarkusTransaction.requiringNew().call(() -> {
                UUID d = replay.replay(row);
                em.flush();
                em.createNativeQuery("INSERT INTO deviation_migration"
                                + " (deviation_id, source_system, source_id, import_run_id, imported_at)"
                                + " VALUES (:d, :s, :i, :r, :at)")
                        .setParameter("d", d)
                        .setParameter("s", row.sourceSystem())
                        .setParameter("i", row.sourceId())
                        .setParameter("r", runId)
                        .setParameter("at", now)
                        .executeUpdate();
                return d;
            });
            return new RowResult(
                    raw.rowNumber(), ImportRowStatus.ACCEPTED, row.sourceSystem(), row.sourceId(), id, null);
        } catch (ProblemException e) {
            return rejected(raw, e.errors());
        } catch (PersistenceException | io.quarkus.narayana.jta.QuarkusTransactionException e) {
            // the same reference imported at the same moment by another row or run: its report stands
            Optional<UUID> concurrent = imported(row);
            if (concurrent.isPresent()) {
                return new RowResult(
                        raw.rowNumber(),
                        ImportRowStatus.ALREADY_IMPORTED,
                        row.sourceSystem(),
                        row.sourceId(),
                        concurrent.get(),
                        null);
            }
            LOG.warnf(
                    "import row %d of run %s not stored: %s",
                    raw.rowNumber(), runId, e.getClass().getName());
            return rejected(raw, List.of(new Problem.FieldError("row", "could not be stored; nothing of it was kept")));
        }
    }

    /**
     * A refused row is named by its number only: its fields are not echoed (a reference may be what was refused,
     * such as a personnummer in the id, and nothing of a refused row is kept).
     */
    private static RowResult rejected(ImportFiles.Row raw, List<Problem.FieldError> errors) {
        return new RowResult(raw.rowNumber(), ImportRowStatus.REJECTED, null, null, null, errors);
    }

    private Optional<UUID> imported(ImportRow row) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT deviation_id FROM deviation_migration WHERE source_system = :s AND source_id = :i",
                                UUID.class)
                        .setParameter("s", row.sourceSystem())
                        .setParameter("i", row.sourceId())
                        .getResultStream()
                        .map(UUID.class::cast)
                        .findFirst());
    }

    private void store(UUID runId, List<RowResult> results, Instant finished) {
        em.unwrap(Session.class).doWork(connection -> {
            try (var ps = connection.prepareStatement("INSERT INTO migration_import_row"
                    + " (run_id, row_number, status, source_system, source_id, deviation_id, errors)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (RowResult r : results) {
                    ps.setObject(1, runId);
                    ps.setInt(2, r.row());
                    ps.setString(3, r.status().name());
                    ps.setString(4, r.sourceSystem());
                    ps.setString(5, r.sourceId());
                    ps.setObject(6, r.deviationId());
                    ps.setString(7, r.errors() == null ? null : json(r.errors()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        em.createNativeQuery("UPDATE migration_import_run SET status = 'COMPLETED', finished_at = :at,"
                        + " rows_accepted = :a, rows_already = :b, rows_rejected = :c WHERE id = :id")
                .setParameter("at", finished)
                .setParameter("a", count(results, ImportRowStatus.ACCEPTED))
                .setParameter("b", count(results, ImportRowStatus.ALREADY_IMPORTED))
                .setParameter("c", count(results, ImportRowStatus.REJECTED))
                .setParameter("id", runId)
                .executeUpdate();
    }

    private static int count(List<RowResult> results, ImportRowStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    /** A run and one page of its rows (by row number), optionally only those of one status. */
    public Optional<Run> read(UUID runId, ImportRowStatus status, int page, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Tuple> runs = em.createNativeQuery(
                            "SELECT id, status, format, started_at, finished_at, rows_total, rows_accepted,"
                                    + " rows_already, rows_rejected FROM migration_import_run WHERE id = :id",
                            Tuple.class)
                    .setParameter("id", runId)
                    .getResultList();
            if (runs.isEmpty()) {
                return Optional.<Run>empty();
            }
            Tuple t = runs.get(0);
            String filter = status == null ? "" : " AND status = :st";
            var count = em.createNativeQuery("SELECT count(*) FROM migration_import_row WHERE run_id = :id" + filter)
                    .setParameter("id", runId);
            var rows = em.createNativeQuery(
                            "SELECT row_number, status, source_system, source_id, deviation_id, errors"
                                    + " FROM migration_import_row WHERE run_id = :id" + filter
                                    + " ORDER BY row_number LIMIT :lim OFFSET :off",
                            Tuple.class)
                    .setParameter("id", runId)
                    .setParameter("lim", limit)
                    .setParameter("off", (long) (page - 1) * limit);
            if (status != null) {
                count.setParameter("st", status.name());
                rows.setParameter("st", status.name());
            }
            long total = ((Number) count.getSingleResult()).longValue();
            List<RowResult> items = new ArrayList<>();
            for (Object o : rows.getResultList()) {
                Tuple r = (Tuple) o;
                String errors = r.get("errors", String.class);
                items.add(new RowResult(
                        ((Number) r.get("row_number")).intValue(),
                        ImportRowStatus.valueOf(r.get("status", String.class)),
                        r.get("source_system", String.class),
                        r.get("source_id", String.class),
                        r.get("deviation_id", UUID.class),
                        errors == null ? null : errors(errors)));
            }
            return Optional.of(new Run(
                    t.get("id", UUID.class),
                    t.get("status", String.class),
                    t.get("format", String.class),
                    instant(t.get("started_at")),
                    instant(t.get("finished_at")),
                    ((Number) t.get("rows_total")).intValue(),
                    ((Number) t.get("rows_accepted")).intValue(),
                    ((Number) t.get("rows_already")).intValue(),
                    ((Number) t.get("rows_rejected")).intValue(),
                    new Page<>(items, page, limit, total)));
        });
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + o.getClass());
    }

    private static String json(List<Problem.FieldError> errors) {
        try {
            return JSON.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Problem.FieldError> errors(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Problem.FieldError>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
