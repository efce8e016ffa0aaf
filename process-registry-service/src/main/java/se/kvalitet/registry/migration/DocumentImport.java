package se.kvalitet.registry.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.registry.migration.ImportReader.Raw;
import se.kvalitet.web.Caller;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.imports.ImportRowStatus;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The migration import of governing documents (issue 16 item 1): each row one decided version of a process, routine,
 * guideline, checklist or cooperation agreement from another system, with its decision, the reviews carried out on
 * it and its withdrawal. Rows are checked for form first; the rest are replayed in the order they were decided
 * through the live document services at their own dates ({@link ImportReplay}), each row in one transaction, so
 * every live rule applies and the same events leave through the outbox. Idempotent by (sourceSystem, sourceId).
 */
@ApplicationScoped
public class DocumentImport {

    static final Pattern SOURCE_SYSTEM = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final Logger LOG = Logger.getLogger(DocumentImport.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    ImportReplay replay;

    @Inject
    ImportRepositories.Runs runs;

    @Inject
    ImportRepositories.Rows rowOutcomes;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    private ExecutorService workers;

    /** A row that passed the form check: what it asks for, parsed, and its digest. */
    record Candidate(int row, ImportRow value, ImportReplay.Parts parts, String digest) {
        DocumentVersionMigration.Key versionKey() {
            return new DocumentVersionMigration.Key(value.sourceSystem(), value.sourceId());
        }

        DocumentMigration.Key documentKey() {
            return new DocumentMigration.Key(value.sourceSystem(), value.documentRef());
        }
    }

    /** One row's outcome. */
    public record RowView(
            int row,
            ImportRowStatus status,
            String sourceSystem,
            String sourceId,
            UUID documentId,
            Integer version,
            List<FieldError> errors) {}

    /** A run as read back: the run and one page of its rows (with the asked status). */
    public record RunView(DocumentImportRun run, List<RowView> rows, int page, int limit, long totalRows) {}

    /** What a post answers: the run, and whether its rows were all done within the wait. */
    public record Started(UUID runId, boolean completed) {}

    void onStart(@Observes StartupEvent ev) {
        workers = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "document-import");
            t.setDaemon(true);
            return t;
        });
        // a run the service stopped in the middle of: its stored rows stand (each row is one transaction)
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE document_import_run SET status = 'INTERRUPTED' WHERE status = 'RUNNING'")
                        .executeUpdate());
    }

    @PreDestroy
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /**
     * Reads the file (a 400 problem when it cannot be read: nothing stored), stores the run and replays its rows on
     * the import worker; answers when they are done or when {@code wait} has passed (the run then goes on).
     */
    public Started run(ImportFormat format, byte[] body, Duration wait) {
        ImportReader reader = new ImportReader(mapper);
        List<Raw> raws = reader.read(format, body);
        ImportIdentity who = new ImportIdentity(caller.subject(), caller.username(), caller.clientId());
        DocumentImportRun run = new DocumentImportRun();
        run.id = UUID.randomUUID();
        run.format = format.name();
        run.status = "RUNNING";
        run.importedBy = caller.subject();
        run.startedAt = clock.instant();
        run.total = raws.size();
        QuarkusTransaction.requiringNew().run(() -> runs.persist(run));
        Future<?> done = workers.submit(() -> who.run(() -> {
            try {
                replayAll(run.id, raws);
            } catch (RuntimeException e) {
                // the rows stored so far stand (each row is one transaction); the run says it did not finish
                LOG.errorf("import run %s stopped: %s", run.id, e.getClass().getName());
                QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery(
                                        "UPDATE document_import_run SET status = 'INTERRUPTED' WHERE id = :id")
                                .setParameter("id", run.id)
                                .executeUpdate());
            }
        }));
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return new Started(run.id, true);
        } catch (TimeoutException e) {
            return new Started(run.id, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Started(run.id, false);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the import run failed", e.getCause());
        }
    }

    private void replayAll(UUID runId, List<Raw> raws) {
        Map<Integer, DocumentImportRow> outcomes = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        Map<DocumentVersionMigration.Key, Integer> seen = new HashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(SWEDEN));
        for (Raw raw : raws) {
            List<FieldError> errors = new ArrayList<>(raw.errors());
            ImportReplay.Parts parts = raw.value() == null ? null : check(raw.value(), today, errors);
            if (errors.isEmpty()) {
                Candidate c = new Candidate(raw.row(), raw.value(), parts, digest(raw.value()));
                Integer earlier = seen.putIfAbsent(c.versionKey(), raw.row());
                if (earlier != null) {
                    errors.add(new FieldError("sourceId", "the same sourceSystem and sourceId as row " + earlier));
                } else {
                    candidates.add(c);
                }
            }
            if (!errors.isEmpty()) {
                outcomes.put(raw.row(), rejected(runId, raw.row(), errors));
            }
        }
        // a document's versions in the order they were decided (then the file's order)
        candidates.sort(
                Comparator.comparing((Candidate c) -> c.value().decidedOn()).thenComparingInt(Candidate::row));
        Map<DocumentMigration.Key, Integer> failedDocuments = new HashMap<>();
        for (Raw raw : raws) {
            ImportRow v = raw.value();
            if (v != null && outcomes.containsKey(raw.row()) && v.sourceSystem() != null && v.documentRef() != null) {
                failedDocuments.putIfAbsent(new DocumentMigration.Key(v.sourceSystem(), v.documentRef()), raw.row());
            }
        }
        for (Candidate c : candidates) {
            Integer failed = failedDocuments.get(c.documentKey());
            if (failed != null) {
                outcomes.put(
                        c.row(),
                        rejected(
                                runId,
                                c.row(),
                                List.of(new FieldError(
                                        "documentRef",
                                        "another version of this document (row " + failed
                                                + ") was rejected; correct it and post both again"))));
                continue;
            }
            DocumentImportRow outcome = one(runId, c);
            outcomes.put(c.row(), outcome);
            if (ImportRowStatus.REJECTED.name().equals(outcome.status)) {
                failedDocuments.putIfAbsent(c.documentKey(), c.row());
            }
        }
        QuarkusTransaction.requiringNew().run(() -> store(runId, outcomes));
    }

    /** One row in its own transaction: stored whole (with its events) or not at all. */
    private DocumentImportRow one(UUID runId, Candidate c) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> replay.replay(runId, c));
        } catch (ProblemException e) {
            List<FieldError> errors = e.errors() == null || e.errors().isEmpty()
                    ? List.of(new FieldError("row", e.getMessage()))
                    : e.errors();
            return rejected(runId, c.row(), errors);
        } catch (RuntimeException e) {
            // another run may have stored the same reference at the same moment (the primary key): answer as it is now
            LOG.warnf("import row %d not stored: %s", c.row(), e.getClass().getName());
            DocumentImportRow after = QuarkusTransaction.requiringNew().call(() -> replay.importedBefore(runId, c));
            return after != null
                    ? after
                    : rejected(runId, c.row(), List.of(new FieldError("row", "could not be stored; post it again")));
        }
    }

    private void store(UUID runId, Map<Integer, DocumentImportRow> outcomes) {
        DocumentImportRun run = runs.findById(runId);
        List<DocumentImportRow> all = new ArrayList<>(outcomes.values());
        all.sort(Comparator.comparingInt(r -> r.key.rowNumber()));
        rowOutcomes.persist(all);
        for (DocumentImportRow r : all) {
            switch (ImportRowStatus.valueOf(r.status)) {
                case ACCEPTED -> run.accepted++;
                case ALREADY_IMPORTED -> run.alreadyImported++;
                case REJECTED -> run.rejected++;
            }
        }
        run.status = "COMPLETED";
        run.finishedAt = clock.instant();
    }

    /** The run with one page of its rows by row number, only those with {@code status} when given. */
    public Optional<RunView> read(UUID id, ImportRowStatus status, int page, int limit) {
        return QuarkusTransaction.requiringNew()
                .call(() -> runs.findByIdOptional(id).map(run -> {
                    var query = status == null
                            ? rowOutcomes.find("key.runId = ?1", Sort.by("key.rowNumber"), id)
                            : rowOutcomes.find(
                                    "key.runId = ?1 and status = ?2", Sort.by("key.rowNumber"), id, status.name());
                    long total = query.count();
                    List<RowView> rows = query.page(Page.of(page - 1, limit)).list().stream()
                            .map(this::view)
                            .toList();
                    return new RunView(run, rows, page, limit, total);
                }));
    }

    private RowView view(DocumentImportRow r) {
        List<FieldError> errors = List.of();
        if (r.errors != null) {
            try {
                errors = mapper.readValue(r.errors, new TypeReference<List<FieldError>>() {});
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored row errors are not readable", e);
            }
        }
        return new RowView(
                r.key.rowNumber(),
                ImportRowStatus.valueOf(r.status),
                r.sourceSystem,
                r.sourceId,
                r.documentId,
                r.versionNumber,
                errors);
    }

    // ------------------------------------------------------------------ the form of a row

    /** The row's form (no database): what a live request's validation and the import's own rules refuse. */
    static ImportReplay.Parts check(ImportRow r, LocalDate today, List<FieldError> errors) {
        reference(r.sourceSystem(), "sourceSystem", SOURCE_SYSTEM, "[A-Za-z0-9._-], 1-100 characters", errors);
        reference(r.sourceId(), "sourceId", SOURCE_ID, "[A-Za-z0-9._:/-], 1-200 characters", errors);
        reference(r.documentRef(), "documentRef", SOURCE_ID, "[A-Za-z0-9._:/-], 1-200 characters", errors);
        required(r.type(), "type", errors);
        if (r.title() == null || r.title().isBlank()) {
            errors.add(new FieldError("title", "is required"));
        }
        size(r.title(), "title", 200, errors);
        size(r.summary(), "summary", 2000, errors);
        size(r.content(), "content", 100_000, errors);
        size(r.startPoint(), "startPoint", 500, errors);
        size(r.endPoint(), "endPoint", 500, errors);
        size(r.ownerRole(), "ownerRole", 100, errors);
        size(r.diarienummer(), "diarienummer", 60, errors);
        required(r.ownerOrgUnitId(), "ownerOrgUnitId", errors);
        if (r.orgUnitIds() == null || r.orgUnitIds().isEmpty()) {
            errors.add(new FieldError("orgUnitIds", "is required: the units the document applies to"));
        }
        count(r.orgUnitIds(), "orgUnitIds", 200, errors);
        count(r.verksamhetIds(), "verksamhetIds", 50, errors);
        count(r.requirements(), "requirements", 100, errors);
        count(r.responsibilities(), "responsibilities", 100, errors);
        count(r.checklistItems(), "checklistItems", 200, errors);
        count(r.activities(), "activities", 200, errors);
        count(r.cooperationPartnerIds(), "cooperationPartnerIds", 50, errors);
        count(r.reviewedOn(), "reviewedOn", 100, errors);
        required(r.reviewInterval(), "reviewInterval", errors);
        required(r.decidedBy(), "decidedBy", errors);
        required(r.decidedOn(), "decidedOn", errors);
        if (r.activities() != null && r.type() != null && r.type() != DocumentType.PROCESS) {
            errors.add(new FieldError("activities", "only for PROCESS"));
        }
        if (r.reviewInterval() == ReviewInterval.MONTHS && r.reviewIntervalMonths() == null) {
            errors.add(new FieldError("reviewIntervalMonths", "is required with MONTHS"));
        }
        // the dates: each step as it happened, in order, none in the future
        LocalDate decided = r.decidedOn();
        LocalDate from = r.validFrom() != null ? r.validFrom() : decided;
        if (decided != null && decided.isAfter(today)) {
            errors.add(new FieldError("decidedOn", "cannot be after today (" + today + ")"));
        }
        if (decided != null && r.validFrom() != null && r.validFrom().isBefore(decided)) {
            errors.add(new FieldError("validFrom", "cannot be before decidedOn"));
        }
        LocalDate previous = decided;
        for (LocalDate reviewed : r.reviewedOn() == null ? List.<LocalDate>of() : r.reviewedOn()) {
            if (reviewed == null) {
                errors.add(new FieldError("reviewedOn", "has an empty date"));
                break;
            }
            if (reviewed.isAfter(today)) {
                errors.add(new FieldError("reviewedOn", "cannot be after today (" + today + ")"));
                break;
            }
            if (previous != null && !reviewed.isAfter(previous)) {
                errors.add(
                        new FieldError("reviewedOn", "each review comes after the decision and the review before it"));
                break;
            }
            previous = reviewed;
        }
        if (r.nextReviewDue() != null
                && (r.reviewedOn() == null || r.reviewedOn().isEmpty())) {
            errors.add(new FieldError(
                    "nextReviewDue",
                    "is the next review after the last of reviewedOn; without reviews use nextReviewDate"));
        }
        if (r.withdrawnOn() != null) {
            required(r.withdrawalReason(), "withdrawalReason", errors);
            if (from != null && r.withdrawnOn().isBefore(from)) {
                errors.add(new FieldError("withdrawnOn", "cannot be before the version came into force"));
            }
            if (previous != null
                    && r.reviewedOn() != null
                    && !r.reviewedOn().isEmpty()
                    && !r.withdrawnOn().isAfter(previous)) {
                errors.add(new FieldError("withdrawnOn", "must come after the last of reviewedOn"));
            }
        } else if (r.withdrawalReason() != null || r.replacedByDocumentId() != null) {
            errors.add(new FieldError(
                    r.withdrawalReason() != null ? "withdrawalReason" : "replacedByDocumentId",
                    "is only for a withdrawn version (withdrawnOn)"));
        }
        for (String column : new String[] {"sourceId", "documentRef"}) {
            String value = column.equals("sourceId") ? r.sourceId() : r.documentRef();
            if (value != null && PersonalIdentityNumbers.containsAny(value)) {
                errors.add(new FieldError(column, "contains what looks like a personal identity number"));
            }
        }
        List<ImportReplay.Requirement> requirements = new ArrayList<>();
        List<ImportReplay.Responsibility> responsibilities = new ArrayList<>();
        parseRequirements(r.requirements(), requirements, errors);
        parseResponsibilities(r.responsibilities(), responsibilities, errors);
        return errors.isEmpty() ? new ImportReplay.Parts(requirements, responsibilities) : null;
    }

    /** {@code <requirement item id>} or {@code <id>=<FOLLOW_UP_METHOD>} or {@code <id>=<METHOD>=<responsible role>}. */
    private static void parseRequirements(
            List<String> cells, List<ImportReplay.Requirement> out, List<FieldError> errors) {
        if (cells == null) {
            return;
        }
        for (int i = 0; i < cells.size(); i++) {
            String[] p = cells.get(i) == null ? new String[] {""} : cells.get(i).split("=", 3);
            try {
                UUID item = UUID.fromString(p[0].strip());
                FollowUpMethod method = p.length > 1 && !p[1].isBlank() ? FollowUpMethod.valueOf(p[1].strip()) : null;
                String responsible = p.length > 2 && !p[2].isBlank() ? p[2].strip() : null;
                if (responsible != null && responsible.length() > 200) {
                    errors.add(
                            new FieldError("requirements[" + i + "]", "the responsible role is over 200 characters"));
                }
                out.add(new ImportReplay.Requirement(item, method, responsible));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(
                        "requirements[" + i + "]",
                        "must be <requirement item id>[=<follow-up method>[=<responsible role>]]"));
            }
        }
    }

    /** {@code <task>=<responsible role>} or {@code <task>=<responsible unit id>}. */
    private static void parseResponsibilities(
            List<String> cells, List<ImportReplay.Responsibility> out, List<FieldError> errors) {
        if (cells == null) {
            return;
        }
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i) == null ? "" : cells.get(i);
            int at = cell.lastIndexOf('=');
            String task = at < 0 ? cell.strip() : cell.substring(0, at).strip();
            String who = at < 0 ? "" : cell.substring(at + 1).strip();
            if (task.isEmpty() || who.isEmpty() || task.length() > 500 || who.length() > 200) {
                errors.add(new FieldError(
                        "responsibilities[" + i + "]",
                        "must be <task>=<responsible role or unit id> (task up to 500, role up to 200 characters)"));
                continue;
            }
            UUID unit = null;
            try {
                unit = UUID.fromString(who);
            } catch (IllegalArgumentException notAUnit) {
                // a role
            }
            out.add(new ImportReplay.Responsibility(task, unit == null ? who : null, unit));
        }
    }

    private static void reference(String v, String column, Pattern form, String rule, List<FieldError> errors) {
        if (v == null || v.isBlank()) {
            errors.add(new FieldError(column, "is required"));
        } else if (!form.matcher(v).matches()) {
            errors.add(new FieldError(column, "must be " + rule));
        }
    }

    private static void required(Object v, String column, List<FieldError> errors) {
        if (v == null) {
            errors.add(new FieldError(column, "is required"));
        }
    }

    private static void size(String v, String column, int max, List<FieldError> errors) {
        if (v != null && v.length() > max) {
            errors.add(new FieldError(column, "is longer than " + max + " characters"));
        }
    }

    private static void count(List<?> v, String column, int max, List<FieldError> errors) {
        if (v != null && v.size() > max) {
            errors.add(new FieldError(column, "has more than " + max + " entries"));
        }
    }

    /** What a row says, as a digest: the same reference with the same digest is the same row again. */
    String digest(ImportRow r) {
        try {
            byte[] json = mapper.writeValueAsBytes(r);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rejected row: its number and errors, no reference echoed (its number identifies it). */
    DocumentImportRow rejected(UUID run, int row, List<FieldError> errors) {
        DocumentImportRow r = new DocumentImportRow();
        r.key = new DocumentImportRow.Key(run, row);
        r.status = ImportRowStatus.REJECTED.name();
        try {
            r.errors = mapper.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return r;
    }
}
