package se.kvalitet.followup.egenkontroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.followup.support.Today;
import se.kvalitet.messaging.Outbox;

/**
 * The schedule of egenkontroll: plans get occurrences every frequency from their first due date,
 * {@code kvalitet.followup.egenkontroll.horizon} ahead (the scheduler extends it); a scheduled
 * occurrence past its due date is overdue and publishes {@code egenkontroll.overdue} once.
 */
@ApplicationScoped
public class EgenkontrollSchedule {

    @Inject
    EgenkontrollPlanRepository plans;

    @Inject
    EgenkontrollOccurrenceRepository occurrences;

    @Inject
    Outbox outbox;

    @Inject
    Today today;

    @ConfigProperty(name = "kvalitet.followup.egenkontroll.horizon", defaultValue = "P13M")
    Period horizon;

    /** Extends every active plan's schedule up to the horizon; returns the occurrences added. */
    @Transactional
    public int extendSchedules(LocalDate day) {
        int n = 0;
        for (EgenkontrollPlan p : plans.list("status", EgenkontrollPlan.Status.ACTIVE)) {
            n += schedule(p, day);
        }
        return n;
    }

    /** Publishes {@code egenkontroll.overdue} once for every scheduled occurrence past its due date; returns how many. */
    @Transactional
    public int markOverdue(LocalDate day) {
        int n = 0;
        for (EgenkontrollOccurrence o : occurrences.list(
                "status = ?1 and dueOn < ?2 and overdueNotified = false",
                EgenkontrollOccurrence.Status.SCHEDULED,
                day)) {
            EgenkontrollOverdueV1 e = o.markOverdueIfDue(day, today.now());
            if (e != null) {
                outbox.publish(e);
                n++;
            }
        }
        return n;
    }

    /** Adds the occurrences due from the first due date (or today, whichever is later for a changed plan) up to the horizon. */
    int schedule(EgenkontrollPlan p, LocalDate day) {
        if (p.status != EgenkontrollPlan.Status.ACTIVE) {
            return 0;
        }
        Set<LocalDate> have = new HashSet<>();
        for (EgenkontrollOccurrence o : occurrences.list("planId", p.id)) {
            have.add(o.dueOn);
        }
        LocalDate createdOn = LocalDate.ofInstant(p.createdAt, today.zone());
        int n = 0;
        for (LocalDate due : p.dueDatesUntil(day.plus(horizon))) {
            // a plan made today schedules from its first due date; occurrences before its creation are not invented
            if (!have.contains(due) && !due.isBefore(createdOn.isBefore(day) ? day : p.firstDueOn)) {
                occurrences.persist(occurrence(p, due));
                n++;
            }
        }
        return n;
    }

    EgenkontrollOccurrence occurrence(EgenkontrollPlan p, LocalDate due) {
        EgenkontrollOccurrence o = new EgenkontrollOccurrence();
        o.id = UUID.randomUUID();
        o.planId = p.id;
        o.orgUnitId = p.orgUnitId;
        o.dueOn = due;
        o.status = EgenkontrollOccurrence.Status.SCHEDULED;
        o.createdAt = today.now();
        o.updatedAt = o.createdAt;
        return o;
    }
}
