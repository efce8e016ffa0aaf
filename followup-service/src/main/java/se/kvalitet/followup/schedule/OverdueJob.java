package se.kvalitet.followup.schedule;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import org.jboss.logging.Logger;
import se.kvalitet.followup.egenkontroll.EgenkontrollSchedule;
import se.kvalitet.followup.initiative.InitiativeService;
import se.kvalitet.followup.internalcontrol.InternalControlService;
import se.kvalitet.followup.support.Today;

/**
 * The follow-up scheduler: extends egenkontroll schedules to the horizon and publishes
 * {@code egenkontroll.overdue}, {@code initiative.overdue} and {@code internal-control.overdue} once per overdue
 * item. "Today" comes
 * from the injected clock ({@link Today}). One instance at a time does the work (a PostgreSQL
 * advisory lock), so a scaled-out service publishes each overdue event once.
 */
@ApplicationScoped
public class OverdueJob {

    private static final Logger LOG = Logger.getLogger(OverdueJob.class);
    /** Advisory lock key: "fu-due" in ASCII. */
    private static final long LOCK_KEY = 0x66752d647565L;

    @Inject
    EgenkontrollSchedule egenkontroll;

    @Inject
    InitiativeService initiatives;

    @Inject
    InternalControlService internalControl;

    @Inject
    EntityManager em;

    @Inject
    Today today;

    /** What one run did. */
    public record Result(
            boolean ran, int scheduled, int egenkontrollOverdue, int initiativesOverdue, int internalControlsOverdue) {}

    @Scheduled(
            every = "${kvalitet.followup.overdue.every:1h}",
            delayed = "${kvalitet.followup.overdue.delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "followup-overdue")
    void scheduled() {
        Result r = run();
        if (r.egenkontrollOverdue() + r.initiativesOverdue() + r.internalControlsOverdue() + r.scheduled() > 0) {
            LOG.infof(
                    "follow-up scheduler: %d occurrences scheduled, %d egenkontroller, %d initiatives and %d internal"
                            + " controls overdue",
                    r.scheduled(), r.egenkontrollOverdue(), r.initiativesOverdue(), r.internalControlsOverdue());
        }
    }

    /** One pass for today as the clock says. */
    public Result run() {
        LocalDate day = today.date();
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, LOCK_KEY)
                    .getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return new Result(false, 0, 0, 0, 0);
            }
            int scheduled = egenkontroll.extendSchedules(day);
            int ek = egenkontroll.markOverdue(day);
            int qi = initiatives.markOverdue(day);
            int ic = internalControl.markOverdue(day);
            return new Result(true, scheduled, ek, qi, ic);
        });
    }
}
