package se.kvalitet.report.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.events.report.ReportGeneratedV1;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.report.content.Editorial;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportContent;
import se.kvalitet.report.content.ReportOutline;
import se.kvalitet.report.content.VerdictPolicy;
import se.kvalitet.report.content.query.ReadModelQueries;
import se.kvalitet.report.render.DocumentView;
import se.kvalitet.report.render.HtmlRenderer;
import se.kvalitet.report.render.PdfRenderer;
import se.kvalitet.report.render.Stamp;
import se.kvalitet.report.render.XlsxRenderer;
import se.kvalitet.report.rows.Row;
import se.kvalitet.report.rows.Rows;
import se.kvalitet.report.signing.ReportSigner;
import se.kvalitet.web.SafeThrowables;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * Generates requested versions in the background, one at a time per instance: claims the oldest
 * PENDING version ({@code FOR UPDATE SKIP LOCKED}, so scaled-out instances never generate the same
 * one), builds the content from the read models outside any transaction, renders JSON, HTML, PDF/A
 * and XLSX, and stores them as a DRAFT together with {@code report.generated.v1} in the outbox.
 * Woken after a request commits and otherwise every {@code kvalitet.report.generation.poll-interval};
 * a version left GENERATING by a crashed instance is taken up again after
 * {@code kvalitet.report.generation.stale-after}.
 */
@ApplicationScoped
public class ReportGenerator {

    private static final Logger LOG = Logger.getLogger(ReportGenerator.class);
    private static final Object WAKE_KEY = new Object();

    /** What a claimed version is to be generated from. */
    record Request(UUID reportId, ReportKind kind, int year, UUID orgUnitId, int number, Editorial editorial) {
        static Request of(Row r) {
            String editorial = r.string("editorial");
            return new Request(
                    r.uuid("report_id"),
                    ReportKind.valueOf(r.string("kind")),
                    r.intValue("report_year"),
                    r.uuid("org_unit_id"),
                    r.intValue("number"),
                    editorial == null ? Editorial.EMPTY : CanonicalJson.read(editorial, Editorial.class));
        }
    }

    /** A version's rendered documents. */
    public record Documents(String html, byte[] pdf, byte[] xlsx, String pdfHash) {}

    @Inject
    EntityManager em;

    @Inject
    ReadModelQueries data;

    @Inject
    HtmlRenderer html;

    @Inject
    VerdictPolicy policy;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ReportSigner signer;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "kvalitet.report.generation.poll-interval", defaultValue = "PT5S")
    Duration pollInterval;

    @ConfigProperty(name = "kvalitet.report.generation.stale-after", defaultValue = "PT10M")
    Duration staleAfter;

    @ConfigProperty(name = "kvalitet.report.generation.enabled", defaultValue = "true")
    boolean enabled;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "report-generator");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            wake.release();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes the worker once the current transaction has committed. */
    public void wakeAfterCommit() {
        if (transactions.getResource(WAKE_KEY) == null) {
            transactions.putResource(WAKE_KEY, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        wake.release();
                    }
                }
            });
        }
    }

    private void loop() {
        while (running) {
            try {
                UUID claimed = claim();
                if (claimed != null) {
                    generate(claimed);
                    continue;
                }
                wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Report generation pass failed: %s", SafeThrowables.redacted(e));
                try {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    UUID claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("""
                    UPDATE report_version SET status = 'GENERATING', started_at = :now
                    WHERE id = (SELECT id FROM report_version
                                WHERE status = 'PENDING' OR (status = 'GENERATING' AND started_at < :stale)
                                ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id""")
                    .setParameter("now", Timestamp.from(now))
                    .setParameter("stale", Timestamp.from(now.minus(staleAfter)))
                    .getResultList();
            return ids.isEmpty() ? null : (UUID) ids.get(0);
        });
    }

    /** Builds, renders and stores one claimed version; a failure is stored as FAILED with its reason. */
    void generate(UUID versionId) {
        try {
            Request request = QuarkusTransaction.requiringNew()
                    .call(() -> Rows.first(Rows.tuples(em, """
                    SELECT r.id AS report_id, r.kind, r.report_year, r.org_unit_id, v.number, v.editorial
                    FROM report_version v JOIN report r ON r.id = v.report_id WHERE v.id = :id""").setParameter("id", versionId), Request::of)
                            .orElseThrow());
            UUID reportId = request.reportId();
            ReportKind kind = request.kind();
            int year = request.year();
            UUID org = request.orgUnitId();
            int number = request.number();
            Editorial editorial = request.editorial();

            ReadModels readModels = data.open(org, year);
            ReportContent content = ReportOutline.build(kind, readModels, editorial, policy);
            long reports = readModels.basis().statistics().reports();
            String json = CanonicalJson.write(content);
            if (PersonalIdentityNumbers.containsAny(json)) {
                throw new IllegalStateException("the content holds a personal identity number; not stored");
            }
            String hash = CanonicalJson.sha256(json);
            Instant now = clock.instant();
            Stamp stamp = Stamp.draft(number, LocalDate.ofInstant(now, ReportService.SWEDEN), hash);
            Documents docs = render(content, stamp);
            QuarkusTransaction.requiringNew().run(() -> {
                int n = em.createNativeQuery("""
                        UPDATE report_version SET status = 'DRAFT', generated_at = :at, content = :content,
                            content_hash = :hash, html = :html, pdf = :pdf, xlsx = :xlsx, pdf_hash = :pdfHash,
                            deviation_count = :count, error = NULL, version = version + 1
                        WHERE id = :id AND status = 'GENERATING'""")
                        .setParameter("at", Timestamp.from(now))
                        .setParameter("content", json)
                        .setParameter("hash", hash)
                        .setParameter("html", docs.html())
                        .setParameter("pdf", docs.pdf())
                        .setParameter("xlsx", docs.xlsx())
                        .setParameter("pdfHash", docs.pdfHash())
                        .setParameter("count", reports)
                        .setParameter("id", versionId)
                        .executeUpdate();
                if (n == 1) {
                    outbox.publish(
                            new ReportGeneratedV1(reportId, versionId, number, kind, year, org, hash, reports, now));
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(
                    SafeThrowables.redacted(e),
                    "Generating report version %s failed",
                    versionId); // no report text in the log
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String error = PersonalIdentityNumbers.mask(message.length() > 1000 ? message.substring(0, 1000) : message);
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery("""
                    UPDATE report_version SET status = 'FAILED', error = :error, version = version + 1
                    WHERE id = :id AND status = 'GENERATING'""")
                            .setParameter("error", error)
                            .setParameter("id", versionId)
                            .executeUpdate());
        }
    }

    /** HTML, PDF (PDF/A-2a and PDF/UA-1) and XLSX of a content under a stamp; an approved version's PDF is signed. */
    public Documents render(ReportContent content, Stamp stamp) {
        // charts are drawn once, for both the HTML page and the PDF
        DocumentView view = DocumentView.of(content, stamp, false);
        String page = html.render(view);
        byte[] pdf = PdfRenderer.render(html.render(view.forPdf(true)), stamp.signature() != null);
        if (stamp.signature() != null) {
            pdf = signer.sign(
                    pdf,
                    stamp.signature().signedAt(),
                    "Godkänd version " + stamp.versionNumber() + " av " + content.title() + " (kontrollsumma "
                            + stamp.contentHash() + ")");
        }
        byte[] xlsx = XlsxRenderer.render(content, stamp);
        return new Documents(page, pdf, xlsx, CanonicalJson.sha256(pdf));
    }
}
