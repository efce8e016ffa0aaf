package se.kvalitet.followup.egenkontroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.domain.Enums.Frequency;
import se.kvalitet.followup.egenkontroll.EgenkontrollCommands.ExecutionCommand;
import se.kvalitet.followup.egenkontroll.EgenkontrollCommands.PlanCommand;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.registry.RegistryReferences;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.followup.support.Today;
import se.kvalitet.followup.support.Where;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Egenkontroll (SOSFS 2011:9 5 kap 2 §): plans schedule occurrences every frequency from their
 * first due date, {@code kvalitet.followup.egenkontroll.horizon} ahead (the scheduler extends it);
 * an execution publishes {@code egenkontroll.executed}; a scheduled occurrence past its due date is
 * overdue and publishes {@code egenkontroll.overdue} once.
 */
@ApplicationScoped
public class EgenkontrollService {

    @Inject
    EgenkontrollPlanRepository plans;

    @Inject
    EgenkontrollOccurrenceRepository occurrences;

    @Inject
    IndicatorRepository indicators;

    @Inject
    RegistryReferences registry;

    @Inject
    FollowupAccess access;

    @Inject
    Outbox outbox;

    @Inject
    Today today;

    @ConfigProperty(name = "kvalitet.followup.egenkontroll.horizon", defaultValue = "P13M")
    Period horizon;

    @Transactional
    public EgenkontrollPlan create(PlanCommand r) {
        access.requireWriteFor(r.orgUnitId());
        EgenkontrollPlan p = new EgenkontrollPlan();
        p.id = UUID.randomUUID();
        p.status = EgenkontrollPlan.Status.ACTIVE;
        p.createdAt = today.now();
        apply(p, r);
        plans.persist(p);
        plans.flush();
        schedule(p, today.date());
        return p;
    }

    @Transactional
    public EgenkontrollPlan plan(UUID id) {
        return plans.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Egenkontroll plan " + id));
    }

    @Transactional
    public EgenkontrollPlan writablePlan(UUID id) {
        EgenkontrollPlan p = plan(id);
        access.requireWriteFor(p.orgUnitId);
        return p;
    }

    /** Replaces the plan; scheduled occurrences from today on follow the new schedule (executed and overdue ones stay). */
    @Transactional
    public EgenkontrollPlan replace(UUID id, String ifMatch, PlanCommand r) {
        EgenkontrollPlan p = writablePlan(id);
        ETags.requireMatch(ifMatch, p.version);
        if (p.status == EgenkontrollPlan.Status.RETIRED) {
            throw ProblemException.conflict("plan-retired", "A retired egenkontroll plan is not changed")
                    .with("currentState", p.status.name());
        }
        access.requireWriteFor(r.orgUnitId());
        apply(p, r);
        plans.flush();
        LocalDate day = today.date();
        occurrences.delete(
                "planId = ?1 and status = ?2 and dueOn >= ?3", p.id, EgenkontrollOccurrence.Status.SCHEDULED, day);
        occurrences.update(
                "orgUnitId = ?1 where planId = ?2 and status = ?3",
                p.orgUnitId,
                p.id,
                EgenkontrollOccurrence.Status.SCHEDULED);
        occurrences.flush();
        schedule(p, day);
        return p;
    }

    /** Retires the plan: no new occurrences, the scheduled ones from today on are cancelled. */
    @Transactional
    public EgenkontrollPlan retire(UUID id, String ifMatch) {
        EgenkontrollPlan p = writablePlan(id);
        ETags.requireMatch(ifMatch, p.version);
        if (p.status == EgenkontrollPlan.Status.RETIRED) {
            throw ProblemException.conflict("plan-retired", "The plan is already retired")
                    .with("currentState", p.status.name());
        }
        p.status = EgenkontrollPlan.Status.RETIRED;
        p.updatedAt = today.now();
        for (EgenkontrollOccurrence o : occurrences.list(
                "planId = ?1 and status = ?2 and dueOn >= ?3",
                p.id,
                EgenkontrollOccurrence.Status.SCHEDULED,
                today.date())) {
            o.cancel("the plan was retired", today.now());
        }
        plans.flush();
        return p;
    }

    /** An extra occurrence outside the schedule. */
    @Transactional
    public EgenkontrollOccurrence addOccurrence(UUID planId, LocalDate dueOn) {
        EgenkontrollPlan p = writablePlan(planId);
        if (p.status == EgenkontrollPlan.Status.RETIRED) {
            throw ProblemException.conflict("plan-retired", "A retired egenkontroll plan gets no new occurrences")
                    .with("currentState", p.status.name());
        }
        if (occurrences.count("planId = ?1 and dueOn = ?2", planId, dueOn) > 0) {
            throw ProblemException.conflict("occurrence-exists", "The plan has an egenkontroll due that day");
        }
        EgenkontrollOccurrence o = occurrence(p, dueOn);
        occurrences.persist(o);
        return o;
    }

    @Transactional
    public EgenkontrollOccurrence occurrence(UUID id) {
        return occurrences
                .findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Egenkontroll occurrence " + id));
    }

    @Transactional
    public EgenkontrollOccurrence writableOccurrence(UUID id) {
        EgenkontrollOccurrence o = occurrence(id);
        access.requireWriteFor(o.orgUnitId);
        return o;
    }

    @Transactional
    public EgenkontrollOccurrence execute(UUID id, String ifMatch, ExecutionCommand r) {
        EgenkontrollOccurrence o = writableOccurrence(id);
        ETags.requireMatch(ifMatch, o.version);
        if (r.executedOn().isAfter(today.date())) {
            throw ProblemException.invalidField("executedOn", "must not be in the future");
        }
        new TextGuard()
                .text("findings", r.findings())
                .text("followUpActions", r.followUpActions())
                .done();
        int actions = r.actionCount() != null ? r.actionCount() : 0;
        outbox.publish(o.execute(
                r.executedOn(),
                r.sampleSize(),
                r.findings(),
                r.result(),
                r.deviationsFound(),
                r.followUpActions(),
                actions,
                access.who(),
                today.now()));
        occurrences.flush();
        return o;
    }

    @Transactional
    public EgenkontrollOccurrence cancel(UUID id, String ifMatch, String reason) {
        EgenkontrollOccurrence o = writableOccurrence(id);
        ETags.requireMatch(ifMatch, o.version);
        new TextGuard().text("reason", reason).done();
        o.cancel(reason.strip(), today.now());
        occurrences.flush();
        return o;
    }

    /** Filters of the plan list. */
    public record PlanFilter(
            UUID orgUnitId,
            boolean subtree,
            EgenkontrollPlan.Status status,
            UUID routineId,
            UUID riskId,
            Instant updatedSince) {}

    @Transactional
    public Page<EgenkontrollPlan> plans(PlanFilter f, int page, int limit) {
        return new Where()
                .and("orgUnitId in ?", units(f.orgUnitId(), f.subtree()))
                .and("status = ?", f.status())
                .and("? member of routineIds", f.routineId())
                .and("? member of riskIds", f.riskId())
                .and("updatedAt >= ?", f.updatedSince())
                .page(plans, f.updatedSince() != null ? "updatedAt, id" : "title, id", page, limit);
    }

    /** Which occurrences: SCHEDULED, EXECUTED, CANCELLED, or OVERDUE (scheduled and past due). */
    public enum OccurrenceState {
        SCHEDULED,
        EXECUTED,
        CANCELLED,
        OVERDUE
    }

    /** Filters of the occurrence list. */
    public record OccurrenceFilter(
            UUID planId,
            UUID orgUnitId,
            boolean subtree,
            OccurrenceState state,
            LocalDate dueFrom,
            LocalDate dueTo,
            Instant updatedSince) {}

    @Transactional
    public Page<EgenkontrollOccurrence> occurrences(OccurrenceFilter f, int page, int limit) {
        EgenkontrollOccurrence.Status status = f.state() == null
                ? null
                : f.state() == OccurrenceState.OVERDUE
                        ? EgenkontrollOccurrence.Status.SCHEDULED
                        : EgenkontrollOccurrence.Status.valueOf(f.state().name());
        return new Where()
                .and("planId = ?", f.planId())
                .and("orgUnitId in ?", units(f.orgUnitId(), f.subtree()))
                .and("status = ?", status)
                .andIf(f.state() == OccurrenceState.OVERDUE, "dueOn < ?", today.date())
                .and("dueOn >= ?", f.dueFrom())
                .and("dueOn <= ?", f.dueTo())
                .and("updatedAt >= ?", f.updatedSince())
                .page(occurrences, f.updatedSince() != null ? "updatedAt, id" : "dueOn, id", page, limit);
    }

    @Transactional
    public List<EgenkontrollOccurrence> upcoming(UUID planId, int max) {
        return occurrences
                .find("planId = ?1 and status = ?2 order by dueOn", planId, EgenkontrollOccurrence.Status.SCHEDULED)
                .page(0, max)
                .list();
    }

    /** {@code unit} and, with {@code subtree}, every unit below it; null without a unit. */
    private Set<UUID> units(UUID unit, boolean subtree) {
        if (unit == null) {
            return null;
        }
        Set<UUID> units = new HashSet<>(List.of(unit));
        if (subtree) {
            units.addAll(access.tree().descendants(unit));
        }
        return units;
    }

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
    private int schedule(EgenkontrollPlan p, LocalDate day) {
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

    private EgenkontrollOccurrence occurrence(EgenkontrollPlan p, LocalDate due) {
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

    private void apply(EgenkontrollPlan p, PlanCommand r) {
        new TextGuard()
                .text("title", r.title())
                .text("description", r.description())
                .text("sample", r.sample())
                .text("responsibleRole", r.responsibleRole())
                .done();
        access.requireKnownUnit("orgUnitId", r.orgUnitId());
        if (r.frequency() == Frequency.CONTINUOUS) {
            throw ProblemException.invalidField(
                    "frequency", "an egenkontroll is scheduled: YEARLY, TWICE_A_YEAR, TERTIAL, QUARTERLY or MONTHLY");
        }
        if (r.endsOn() != null && r.endsOn().isBefore(r.firstDueOn())) {
            throw ProblemException.invalidField("endsOn", "ends before the first due date");
        }
        if (r.indicatorId() != null
                && indicators.findByIdOptional(r.indicatorId()).isEmpty()) {
            throw ReferenceProblems.unknown("indicatorId", "no such indicator");
        }
        Set<UUID> routines = r.routineIds() == null ? Set.of() : r.routineIds();
        Set<UUID> risks = r.riskIds() == null ? Set.of() : r.riskIds();
        registry.requireRoutines("routineIds", routines, access.isSystem());
        registry.requireRisks("riskIds", risks, access.isSystem(), access::mayInspect);
        p.orgUnitId = r.orgUnitId();
        p.title = r.title().strip();
        p.description = r.description();
        p.method = r.method();
        p.sample = r.sample();
        p.sampleSize = r.sampleSize();
        p.frequency = r.frequency();
        p.firstDueOn = r.firstDueOn();
        p.endsOn = r.endsOn();
        p.responsibleRole = r.responsibleRole().strip();
        p.indicatorId = r.indicatorId();
        p.routineIds.clear();
        p.routineIds.addAll(routines);
        p.riskIds.clear();
        p.riskIds.addAll(risks);
        p.updatedAt = today.now();
    }
}
