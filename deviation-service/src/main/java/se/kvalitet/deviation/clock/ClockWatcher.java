package se.kvalitet.deviation.clock;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.events.deviation.DeviationDeadlineDueSoonV1;
import se.kvalitet.events.deviation.DeviationDeadlineOverdueV1;
import se.kvalitet.messaging.Outbox;

/**
 * Publishes one due-soon and one overdue event per running clock, through the outbox in the
 * transaction that marks the clock; {@code FOR UPDATE SKIP LOCKED} lets several instances scan at
 * once without publishing twice.
 */
@ApplicationScoped
public class ClockWatcher {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Scheduled(
            every = "${kvalitet.deviation.clocks.scan-every:60s}",
            delayed = "${kvalitet.deviation.clocks.scan-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        scan();
    }

    /** One scan; returns how many events it published. */
    @Transactional
    public int scan() {
        Instant now = clock.instant();
        int published = 0;
        @SuppressWarnings("unchecked")
        List<DeadlineClock> dueSoon = em.createNativeQuery(
                        "SELECT * FROM deadline_clock WHERE stopped_at IS NULL "
                                + "AND due_soon_published_at IS NULL AND due_soon_at <= ?1 "
                                + "ORDER BY due_soon_at LIMIT 500 FOR UPDATE SKIP LOCKED",
                        DeadlineClock.class)
                .setParameter(1, now)
                .getResultList();
        for (DeadlineClock c : dueSoon) {
            outbox.publish(new DeviationDeadlineDueSoonV1(
                    c.deviationId,
                    c.id,
                    c.kind,
                    c.subjectId,
                    c.trackType,
                    c.orgUnitId,
                    c.startedAt,
                    c.dueAt,
                    LocalDate.ofInstant(c.dueAt, Deviation.SWEDEN),
                    now));
            c.dueSoonPublishedAt = now;
            published++;
        }
        @SuppressWarnings("unchecked")
        List<DeadlineClock> overdue = em.createNativeQuery(
                        "SELECT * FROM deadline_clock WHERE stopped_at IS NULL "
                                + "AND overdue_published_at IS NULL AND due_at <= ?1 "
                                + "ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED",
                        DeadlineClock.class)
                .setParameter(1, now)
                .getResultList();
        for (DeadlineClock c : overdue) {
            outbox.publish(new DeviationDeadlineOverdueV1(
                    c.deviationId,
                    c.id,
                    c.kind,
                    c.subjectId,
                    c.trackType,
                    c.orgUnitId,
                    c.startedAt,
                    c.dueAt,
                    LocalDate.ofInstant(c.dueAt, Deviation.SWEDEN),
                    now));
            c.overduePublishedAt = now;
            published++;
        }
        return published;
    }
}
