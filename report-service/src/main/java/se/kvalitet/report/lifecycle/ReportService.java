package se.kvalitet.report.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.report.ReportApprovedV1;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.orgcopy.OrgUnitLookup;
import se.kvalitet.report.content.Editorial;
import se.kvalitet.report.content.ReportContent;
import se.kvalitet.report.content.ReportOutline;
import se.kvalitet.report.render.Stamp;
import se.kvalitet.report.rows.Row;
import se.kvalitet.report.rows.Rows;
import se.kvalitet.report.signing.ReportSigner;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * The report lifecycle: definitions with their editorial text (optimistic locking), generation
 * requests (idempotent per Idempotency-Key, run by {@link ReportGenerator}), and approval, which
 * freezes a version under its content hash (the database refuses any later change, trigger
 * {@code report_version_frozen}) and publishes {@code report.approved.v1} through the outbox.
 */
@ApplicationScoped
public class ReportService {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    /** A stored report definition. */
    public record Definition(
            UUID id,
            ReportKind kind,
            int year,
            UUID orgUnitId,
            String title,
            Editorial editorial,
            long version,
            Instant createdAt,
            Instant updatedAt) {}

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ReportGenerator generator;

    @Inject
    ReportSigner signer;

    @Inject
    OrgUnitLookup lookup;

    @Transactional
    public Definition create(ReportKind kind, int year, UUID orgUnitId, String title) {
        guard(Map.of("title", title == null ? "" : title));
        // the organisation it covers must be one the registry published (the read model of its tree): 422 naming the
        // field
        // (a unit created a moment ago is looked up in the registry at once: platform/orgcopy's OrgUnitLookup)
        if (!lookup.knows(orgUnitId)) {
            throw ReferenceProblems.unknown("orgUnitId", "no such org unit (as published by the process registry)");
        }
        @SuppressWarnings("unchecked")
        List<Object> existing = em.createNativeQuery(
                        "SELECT id FROM report WHERE kind = :kind AND report_year = :year AND org_unit_id = :unit")
                .setParameter("kind", kind.name())
                .setParameter("year", year)
                .setParameter("unit", orgUnitId)
                .getResultList();
        if (!existing.isEmpty()) {
            throw ProblemException.conflict(
                            "report-exists", "A " + kind + " for " + year + " and this org unit exists already")
                    .with("existingId", existing.get(0).toString());
        }
        UUID id = UUID.randomUUID();
        insert(id, kind, year, orgUnitId, title);
        return definition(id);
    }

    /** Inserts a definition (also used by the demo data with fixed ids); does nothing when the id exists. */
    public void insert(UUID id, ReportKind kind, int year, UUID orgUnitId, String title) {
        Timestamp now = Timestamp.from(clock.instant());
        em.createNativeQuery("""
                INSERT INTO report (id, kind, report_year, org_unit_id, title, editorial, version, created_at, updated_at)
                VALUES (:id, :kind, :year, :unit, :title, :editorial, 1, :now, :now) ON CONFLICT DO NOTHING""")
                .setParameter("id", id)
                .setParameter("kind", kind.name())
                .setParameter("year", year)
                .setParameter("unit", orgUnitId)
                .setParameter("title", title == null ? defaultTitle(kind, year) : title)
                .setParameter("editorial", CanonicalJson.write(Editorial.EMPTY))
                .setParameter("now", now)
                .executeUpdate();
    }

    static String defaultTitle(ReportKind kind, int year) {
        return ReportOutline.defaultTitle(kind, year);
    }

    static final String DEFINITION_COLUMNS =
            "id, kind, report_year, org_unit_id, title, editorial, version, created_at, updated_at";

    public Definition definition(UUID id) {
        return Rows.first(
                        Rows.tuples(em, "SELECT " + DEFINITION_COLUMNS + " FROM report WHERE id = :id")
                                .setParameter("id", id),
                        ReportService::definitionOf)
                .orElseThrow(() -> ProblemException.notFound("Report " + id));
    }

    private static Definition definitionOf(Row r) {
        return new Definition(
                r.uuid("id"),
                ReportKind.valueOf(r.string("kind")),
                r.intValue("report_year"),
                r.uuid("org_unit_id"),
                r.string("title"),
                CanonicalJson.read(r.string("editorial"), Editorial.class),
                r.longValue("version"),
                r.instant("created_at"),
                r.instant("updated_at"));
    }

    /** Reports, newest year first; {@code approvedOnly} for callers who may read only approved reports. */
    public Page<Definition> list(
            ReportKind kind,
            Integer year,
            UUID orgUnit,
            Instant updatedSince,
            boolean approvedOnly,
            int limit,
            int page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (kind != null) {
            where.append(" AND kind = :kind");
        }
        if (year != null) {
            where.append(" AND report_year = :year");
        }
        if (orgUnit != null) {
            where.append(" AND org_unit_id = :unit");
        }
        if (updatedSince != null) {
            where.append(" AND updated_at >= :since");
        }
        if (approvedOnly) {
            where.append(
                    " AND EXISTS (SELECT 1 FROM report_version v WHERE v.report_id = r.id AND v.status = 'APPROVED')");
        }
        var q = Rows.tuples(
                em,
                "SELECT " + DEFINITION_COLUMNS + " FROM report r" + where
                        + (updatedSince != null ? " ORDER BY updated_at, id" : " ORDER BY report_year DESC, kind, id")
                        + " LIMIT :limit OFFSET :offset");
        var c = em.createNativeQuery("SELECT count(*) FROM report r" + where);
        for (var query : List.of(q, c)) {
            if (kind != null) {
                query.setParameter("kind", kind.name());
            }
            if (year != null) {
                query.setParameter("year", year);
            }
            if (orgUnit != null) {
                query.setParameter("unit", orgUnit);
            }
            if (updatedSince != null) {
                query.setParameter("since", Timestamp.from(updatedSince));
            }
        }
        q.setParameter("limit", limit).setParameter("offset", (long) (page - 1) * limit);
        List<Definition> items = Rows.list(q, ReportService::definitionOf);
        return new Page<>(items, page, limit, ((Number) c.getSingleResult()).longValue());
    }

    @Transactional
    public Definition updateEditorial(UUID id, String ifMatch, Editorial editorial) {
        Definition d = definition(id);
        ETags.requireMatch(ifMatch, d.version());
        validate(d.kind(), editorial);
        int n = em.createNativeQuery("""
                UPDATE report SET editorial = :editorial, title = :title, version = version + 1, updated_at = :now
                WHERE id = :id AND version = :version""")
                .setParameter("editorial", CanonicalJson.write(editorial))
                .setParameter("title", editorial.title() != null ? editorial.title() : d.title())
                .setParameter("now", Timestamp.from(clock.instant()))
                .setParameter("id", id)
                .setParameter("version", d.version())
                .executeUpdate();
        if (n == 0) {
            throw new ProblemException(
                    412,
                    "precondition-failed",
                    "Precondition failed",
                    "The report was changed by someone else; fetch it again and retry");
        }
        return definition(id);
    }

    /** Overrides need a justification, chapters must exist, and no text may hold a personnummer (the report is public). */
    static void validate(ReportKind kind, Editorial e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> known = ReportOutline.keys(kind);
        e.chapters().forEach((key, text) -> {
            var chapter = ReportOutline.chapter(kind, key);
            if (chapter.isEmpty()) {
                errors.add(new Problem.FieldError(
                        "chapters." + key, "is not a chapter of a " + kind + "; chapters: " + known));
            } else if (text != null && text.verdictOverride() != null) {
                if (!chapter.get().hasVerdict()) {
                    errors.add(new Problem.FieldError(
                            "chapters." + key + ".verdictOverride", "this chapter has no verdict"));
                } else if (text.justification() == null || text.justification().isBlank()) {
                    errors.add(new Problem.FieldError(
                            "chapters." + key + ".justification",
                            "is required when the computed verdict is overridden"));
                }
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("invalid-editorial", "The editorial text cannot be used", errors);
        }
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("title", e.title());
        texts.put("summary", e.summary());
        e.chapters().forEach((key, text) -> {
            if (text != null) {
                texts.put("chapters." + key + ".narrative", text.narrative());
                texts.put("chapters." + key + ".justification", text.justification());
            }
        });
        for (int i = 0; i < e.focusAreas().size(); i++) {
            texts.put("focusAreas[" + i + "]", e.focusAreas().get(i));
        }
        guard(texts);
    }

    static void guard(Map<String, String> texts) {
        List<Problem.FieldError> found = new ArrayList<>();
        texts.forEach((field, text) -> {
            if (text != null && PersonalIdentityNumbers.containsAny(text)) {
                found.add(new Problem.FieldError(
                        field, "contains a personal identity number (personnummer); reports are public"));
            }
        });
        if (!found.isEmpty()) {
            throw ProblemException.unprocessable(
                    "personal-identity-number", "A report must not contain personal identity numbers", found);
        }
    }

    /**
     * Requests a new version (generated in the background). The same Idempotency-Key returns the
     * version it first created; If-Match names the editorial version the caller saw.
     */
    @Transactional
    public UUID requestVersion(UUID reportId, String ifMatch, String idempotencyKey) {
        Definition d = definition(reportId);
        em.createNativeQuery("SELECT id FROM report WHERE id = :id FOR UPDATE")
                .setParameter("id", reportId)
                .getResultList();
        if (idempotencyKey != null) {
            @SuppressWarnings("unchecked")
            List<Object> existing = em.createNativeQuery(
                            "SELECT id FROM report_version WHERE report_id = :id AND idempotency_key = :key")
                    .setParameter("id", reportId)
                    .setParameter("key", idempotencyKey)
                    .getResultList();
            if (!existing.isEmpty()) {
                return (UUID) existing.get(0);
            }
        }
        ETags.requireMatch(ifMatch, d.version());
        int number = ((Number) em.createNativeQuery(
                                "SELECT coalesce(max(number), 0) + 1 FROM report_version WHERE report_id = :id")
                        .setParameter("id", reportId)
                        .getSingleResult())
                .intValue();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                INSERT INTO report_version (id, report_id, number, status, idempotency_key, requested_at, editorial, version)
                VALUES (:id, :report, :number, 'PENDING', :key, :at, :editorial, 1)""")
                .setParameter("id", id)
                .setParameter("report", reportId)
                .setParameter("number", number)
                .setParameter("key", idempotencyKey != null ? idempotencyKey : "auto-" + id)
                .setParameter("at", Timestamp.from(clock.instant()))
                .setParameter("editorial", CanonicalJson.write(d.editorial()))
                .executeUpdate();
        generator.wakeAfterCommit();
        return id;
    }

    /** A version's metadata (no documents). */
    public VersionRow version(UUID reportId, UUID versionId) {
        return Rows.first(
                        Rows.tuples(em, VersionRow.SELECT + " WHERE report_id = :report AND id = :id")
                                .setParameter("report", reportId)
                                .setParameter("id", versionId),
                        VersionRow::of)
                .orElseThrow(() -> ProblemException.notFound("Version " + versionId + " of report " + reportId));
    }

    public Page<VersionRow> versions(UUID reportId, boolean approvedOnly, int limit, int page) {
        String where = " WHERE report_id = :report" + (approvedOnly ? " AND status = 'APPROVED'" : "");
        List<VersionRow> items = Rows.list(
                Rows.tuples(em, VersionRow.SELECT + where + " ORDER BY number DESC LIMIT :limit OFFSET :offset")
                        .setParameter("report", reportId)
                        .setParameter("limit", limit)
                        .setParameter("offset", (long) (page - 1) * limit),
                VersionRow::of);
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM report_version" + where)
                        .setParameter("report", reportId)
                        .getSingleResult())
                .longValue();
        return new Page<>(items, page, limit, total);
    }

    /** One stored document of a version: content (JSON), html, pdf or xlsx. */
    public Object document(UUID reportId, UUID versionId, String column) {
        if (!Set.of("content", "html", "pdf", "xlsx").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(
                        "SELECT " + column + " FROM report_version WHERE report_id = :r AND id = :id")
                .setParameter("r", reportId)
                .setParameter("id", versionId)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Approves the newest generated version: re-renders its documents from the frozen content with
     * the approval stamp (the content and its hash stay as generated), freezes the row and publishes
     * {@code report.approved.v1}.
     */
    /**
     * Approves a draft in three steps, so that rendering and signing (seconds of CPU, more on a loaded
     * machine) hold neither a transaction nor a row lock: (1) a short transaction checks the caller's
     * If-Match, that the version is a draft and the newest, and reads its content; (2) the stamped
     * documents are rendered and the PDF signed outside any transaction; (3) a short transaction locks
     * the row, checks that nothing changed since (1) (the same row version, still the newest) and
     * stores the approval with {@code report.approved.v1}. Two approvals at once: the second finds the
     * version approved (409 not-a-draft); a generation requested meanwhile: 409 not-latest.
     */
    public VersionRow approve(UUID reportId, UUID versionId, String ifMatch, String note, String approvedBy) {
        guard(Map.of("note", note == null ? "" : note));
        Checked checked = QuarkusTransaction.requiringNew().call(() -> {
            Definition d = definition(reportId);
            VersionRow v = version(reportId, versionId);
            ETags.requireMatch(ifMatch, v.rowVersion());
            requireApprovable(reportId, v);
            ReportContent content =
                    CanonicalJson.read((String) document(reportId, versionId, "content"), ReportContent.class);
            return new Checked(d, v, content);
        });
        VersionRow v = checked.version();
        Instant now = clock.instant();
        Stamp stamp = Stamp.approved(
                v.number(),
                LocalDate.ofInstant(v.generatedAt(), SWEDEN),
                LocalDate.ofInstant(now, SWEDEN),
                v.contentHash(),
                note,
                signer.describe(now),
                "/report/v1/reports/" + reportId + "/verifications");
        ReportGenerator.Documents docs = generator.render(checked.content(), stamp);
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SELECT id FROM report_version WHERE id = :id FOR UPDATE")
                    .setParameter("id", versionId)
                    .getResultList();
            VersionRow current = version(reportId, versionId);
            requireApprovable(reportId, current);
            ETags.requireMatch(ifMatch, current.rowVersion()); // still the version the caller named
            em.createNativeQuery("""
                    UPDATE report_version SET status = 'APPROVED', approved_at = :at, approved_by = :by, approval_note = :note,
                        html = :html, pdf = :pdf, xlsx = :xlsx, pdf_hash = :pdfHash, version = version + 1
                    WHERE id = :id AND status = 'DRAFT'""")
                    .setParameter("at", Timestamp.from(now))
                    .setParameter("by", approvedBy)
                    .setParameter("note", note)
                    .setParameter("html", docs.html())
                    .setParameter("pdf", docs.pdf())
                    .setParameter("xlsx", docs.xlsx())
                    .setParameter("pdfHash", docs.pdfHash())
                    .setParameter("id", versionId)
                    .executeUpdate();
            em.createNativeQuery("UPDATE report SET updated_at = :at WHERE id = :id")
                    .setParameter("at", Timestamp.from(now))
                    .setParameter("id", reportId)
                    .executeUpdate();
            Definition d = checked.definition();
            outbox.publish(new ReportApprovedV1(
                    reportId,
                    versionId,
                    v.number(),
                    d.kind(),
                    d.year(),
                    d.orgUnitId(),
                    v.contentHash(),
                    docs.pdfHash(),
                    now));
            return version(reportId, versionId);
        });
    }

    /** What step (1) of an approval found. */
    private record Checked(Definition definition, VersionRow version, ReportContent content) {}

    /** A draft, and the newest version not failed: else 409. */
    private void requireApprovable(UUID reportId, VersionRow v) {
        if (!"DRAFT".equals(v.status())) {
            throw ProblemException.conflict(
                            "not-a-draft", "Only a generated draft can be approved; this version is " + v.status())
                    .with("currentState", v.status());
        }
        long newer = ((Number) em.createNativeQuery("""
                SELECT count(*) FROM report_version WHERE report_id = :r AND number > :n AND status <> 'FAILED'""")
                        .setParameter("r", reportId)
                        .setParameter("n", v.number())
                        .getSingleResult())
                .longValue();
        if (newer > 0) {
            throw ProblemException.conflict(
                            "not-latest", "A newer version exists: approve the newest generated version")
                    .with("currentState", v.status());
        }
    }

    /** A version row without its documents. */
    public record VersionRow(
            UUID id,
            UUID reportId,
            int number,
            String status,
            Instant requestedAt,
            Instant generatedAt,
            Instant approvedAt,
            String approvalNote,
            String contentHash,
            String pdfHash,
            Long deviationCount,
            String error,
            long rowVersion) {

        static final String SELECT = """
                SELECT id, report_id, number, status, requested_at, generated_at, approved_at, approval_note, content_hash,
                       pdf_hash, deviation_count, error, version FROM report_version""";

        static VersionRow of(Row r) {
            return new VersionRow(
                    r.uuid("id"),
                    r.uuid("report_id"),
                    r.intValue("number"),
                    r.string("status"),
                    r.instant("requested_at"),
                    r.instant("generated_at"),
                    r.instant("approved_at"),
                    r.string("approval_note"),
                    r.string("content_hash"),
                    r.string("pdf_hash"),
                    r.nullableLong("deviation_count"),
                    r.string("error"),
                    r.longValue("version"));
        }

        public boolean generated() {
            return "DRAFT".equals(status) || "APPROVED".equals(status);
        }

        public boolean finished() {
            return generated() || "FAILED".equals(status);
        }
    }
}
