package se.kvalitet.registry.review;

import static se.kvalitet.registry.sql.Columns.date;
import static se.kvalitet.registry.sql.Columns.enumValue;
import static se.kvalitet.registry.sql.Columns.integer;
import static se.kvalitet.registry.sql.Columns.string;
import static se.kvalitet.registry.sql.Columns.uuid;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.events.registry.DocumentReviewDueV1;
import se.kvalitet.events.registry.DocumentReviewOverdueV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.registry.orgunit.OrgUnitService;

/**
 * Finds documents in force whose review became due (within the lead time) or overdue and
 * publishes one event per document, review date and state. The notice row is inserted first
 * under a unique key, so a second run, a second instance or a retry never publishes twice; a new
 * review date (after an approval or a confirmed review) starts a new cycle.
 */
@ApplicationScoped
public class ReviewScheduler {

    private static final Logger LOG = Logger.getLogger(ReviewScheduler.class);

    @Inject
    EntityManager em;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kvalitet.registry.review.due-lead-time")
    Period leadTime;

    public record Published(int due, int overdue) {}

    @Scheduled(
            every = "{kvalitet.registry.review.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Published p = check();
        if (p.due() + p.overdue() > 0) {
            LOG.infof("reviews: %d became due, %d overdue", p.due(), p.overdue());
        }
    }

    /** One pass: publishes what became due or overdue since the last pass. */
    @Transactional
    public Published check() {
        LocalDate today = orgUnits.today();
        int overdue = 0;
        for (Candidate c : candidates("d.next_review_date < :today", today, "OVERDUE")) {
            if (notice(c, "OVERDUE")) {
                outbox.publish(new DocumentReviewOverdueV1(
                        c.documentId(),
                        c.type(),
                        c.version(),
                        c.reviewDate(),
                        c.ownerOrgUnitId(),
                        units(c.versionId()),
                        clock.instant()));
                overdue++;
            }
        }
        int due = 0;
        for (Candidate c :
                candidates("d.next_review_date >= :today AND d.next_review_date <= :horizon", today, "DUE")) {
            if (notice(c, "DUE")) {
                outbox.publish(new DocumentReviewDueV1(
                        c.documentId(),
                        c.type(),
                        c.version(),
                        c.reviewDate(),
                        c.ownerOrgUnitId(),
                        units(c.versionId()),
                        clock.instant()));
                due++;
            }
        }
        return new Published(due, overdue);
    }

    /** A document in force whose review date has come (or comes within the lead time) and has no notice yet. */
    record Candidate(
            UUID documentId,
            DocumentType type,
            int version,
            LocalDate reviewDate,
            UUID ownerOrgUnitId,
            UUID versionId) {

        static Candidate of(Tuple row) {
            return new Candidate(
                    uuid(row, "document_id"),
                    enumValue(row, "type", DocumentType.class),
                    integer(row, "in_force_version"),
                    date(row, "next_review_date"),
                    uuid(row, "owner_org_unit_id"),
                    uuid(row, "version_id"));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Candidate> candidates(String when, LocalDate today, String kind) {
        var q = em.createNativeQuery("""
                SELECT d.id AS document_id, d.type, d.in_force_version, d.next_review_date, d.owner_org_unit_id,
                       v.id AS version_id
                  FROM document d JOIN document_version v ON v.document_id = d.id AND v.number = d.in_force_version
                 WHERE d.status = 'IN_FORCE' AND d.next_review_date IS NOT NULL""" + " AND " + when + """
                   AND NOT EXISTS (SELECT 1 FROM review_notice n
                                    WHERE n.document_id = d.id AND n.review_date = d.next_review_date AND n.kind = :kind)
                 ORDER BY d.next_review_date, d.id""", Tuple.class)
                .setParameter("today", today)
                .setParameter("kind", kind);
        if (when.contains(":horizon")) {
            q.setParameter("horizon", today.plus(leadTime));
        }
        return ((List<Tuple>) q.getResultList()).stream().map(Candidate::of).toList();
    }

    private boolean notice(Candidate c, String kind) {
        return em.createNativeQuery("""
                INSERT INTO review_notice (document_id, review_date, kind, noticed_at) VALUES (:d, :r, :k, :t)
                ON CONFLICT DO NOTHING""")
                        .setParameter("d", c.documentId())
                        .setParameter("r", c.reviewDate())
                        .setParameter("k", kind)
                        .setParameter("t", clock.instant())
                        .executeUpdate()
                == 1;
    }

    @SuppressWarnings("unchecked")
    private List<UUID> units(UUID versionId) {
        List<UUID> out = new ArrayList<>(em.createNativeQuery(
                        "SELECT org_unit_id FROM document_version_org_unit WHERE version_id = :v ORDER BY org_unit_id")
                .setParameter("v", versionId)
                .getResultList());
        return out;
    }

    /** For tests of the lists: how many notices a document has, by kind. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, Integer> notices(UUID documentId) {
        Map<String, Integer> out = new HashMap<>();
        for (Tuple row : (List<Tuple>) em.createNativeQuery(
                        "SELECT kind, count(*) AS n FROM review_notice WHERE document_id = :d GROUP BY kind",
                        Tuple.class)
                .setParameter("d", documentId)
                .getResultList()) {
            out.put(string(row, "kind"), integer(row, "n"));
        }
        return out;
    }
}
