package se.kvalitet.followup.egenkontroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.domain.Enums.Frequency;
import se.kvalitet.followup.egenkontroll.EgenkontrollCommands.PlanCommand;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.registry.RegistryReferences;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Egenkontroll plans (SOSFS 2011:9 5 kap 2 §): creating, replacing and retiring a plan, and an extra
 * occurrence outside its schedule. A new or changed plan is scheduled by {@link EgenkontrollSchedule}.
 */
@ApplicationScoped
public class EgenkontrollPlans {

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
    Today today;

    @Inject
    EgenkontrollQueries queries;

    @Inject
    EgenkontrollSchedule schedule;

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
        schedule.schedule(p, today.date());
        return p;
    }

    /** Replaces the plan; scheduled occurrences from today on follow the new schedule (executed and overdue ones stay). */
    @Transactional
    public EgenkontrollPlan replace(UUID id, String ifMatch, PlanCommand r) {
        EgenkontrollPlan p = queries.writablePlan(id);
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
        schedule.schedule(p, day);
        return p;
    }

    /** Retires the plan: no new occurrences, the scheduled ones from today on are cancelled. */
    @Transactional
    public EgenkontrollPlan retire(UUID id, String ifMatch) {
        EgenkontrollPlan p = queries.writablePlan(id);
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
            o.cancel("the plan was retired", today.date(), today.now());
        }
        plans.flush();
        return p;
    }

    /** An extra occurrence outside the schedule. */
    @Transactional
    public EgenkontrollOccurrence addOccurrence(UUID planId, LocalDate dueOn) {
        EgenkontrollPlan p = queries.writablePlan(planId);
        if (p.status == EgenkontrollPlan.Status.RETIRED) {
            throw ProblemException.conflict("plan-retired", "A retired egenkontroll plan gets no new occurrences")
                    .with("currentState", p.status.name());
        }
        if (occurrences.count("planId = ?1 and dueOn = ?2", planId, dueOn) > 0) {
            throw ProblemException.conflict("occurrence-exists", "The plan has an egenkontroll due that day");
        }
        EgenkontrollOccurrence o = schedule.occurrence(p, dueOn);
        occurrences.persist(o);
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
