package se.kvalitet.followup.internalcontrol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.followup.InternalControlOverdueV1;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.egenkontroll.EgenkontrollPlanRepository;
import se.kvalitet.followup.internalcontrol.InternalControlCommands.AdoptCommand;
import se.kvalitet.followup.internalcontrol.InternalControlCommands.ItemCommand;
import se.kvalitet.followup.internalcontrol.InternalControlCommands.PlanCommand;
import se.kvalitet.followup.internalcontrol.InternalControlCommands.ReportCommand;
import se.kvalitet.followup.internalcontrol.InternalControlCommands.ResultCommand;
import se.kvalitet.followup.internalcontrol.InternalControlPlan.Status;
import se.kvalitet.followup.registry.RegistryReferences;
import se.kvalitet.followup.schedule.OverdueJob;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.followup.support.Today;
import se.kvalitet.followup.support.Where;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * The internal control plan (internkontrollplan) per year: drafted (risks and controls), adopted
 * by the board, results recorded per control, reported to the board. Every change to the plan or
 * one of its controls is a change of the plan (one ETag), written by the quality team.
 */
@ApplicationScoped
public class InternalControlService {

    @Inject
    InternalControlPlanRepository plans;

    @Inject
    EgenkontrollPlanRepository egenkontroll;

    @Inject
    RegistryReferences registry;

    @Inject
    FollowupAccess access;

    @Inject
    Today today;

    @Inject
    Outbox outbox;

    @Transactional
    public InternalControlPlan create(PlanCommand r) {
        access.requireKnownUnit("orgUnitId", r.orgUnitId());
        new TextGuard().text("title", r.title()).done();
        if (plans.count("orgUnitId = ?1 and year = ?2", r.orgUnitId(), r.year()) > 0) {
            throw ProblemException.conflict("plan-exists", "The unit has an internal control plan for " + r.year());
        }
        InternalControlPlan p = new InternalControlPlan();
        p.id = UUID.randomUUID();
        p.orgUnitId = r.orgUnitId();
        p.year = r.year();
        p.title = r.title().strip();
        p.status = Status.DRAFT;
        p.createdAt = today.now();
        p.updatedAt = p.createdAt;
        plans.persist(p);
        return p;
    }

    @Transactional
    public InternalControlPlan get(UUID id) {
        return plans.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Internal control plan " + id));
    }

    private InternalControlPlan locked(UUID id, String ifMatch) {
        InternalControlPlan p = get(id);
        ETags.requireMatch(ifMatch, p.version);
        return p;
    }

    @Transactional
    public InternalControlPlan rename(UUID id, String ifMatch, PlanCommand r) {
        InternalControlPlan p = locked(id, ifMatch);
        p.requireStatus(Status.DRAFT, "be changed");
        access.requireKnownUnit("orgUnitId", r.orgUnitId());
        new TextGuard().text("title", r.title()).done();
        if ((!p.orgUnitId.equals(r.orgUnitId()) || p.year != r.year())
                && plans.count("orgUnitId = ?1 and year = ?2", r.orgUnitId(), r.year()) > 0) {
            throw ProblemException.conflict("plan-exists", "The unit has an internal control plan for " + r.year());
        }
        p.orgUnitId = r.orgUnitId();
        p.year = r.year();
        p.title = r.title().strip();
        p.updatedAt = today.now();
        plans.flush();
        return p;
    }

    @Transactional
    public InternalControlPlan addItem(UUID id, String ifMatch, ItemCommand r) {
        InternalControlPlan p = locked(id, ifMatch);
        p.requireStatus(Status.DRAFT, "get new controls");
        InternalControlItem i = new InternalControlItem();
        i.id = UUID.randomUUID();
        i.plan = p;
        i.position = p.items.stream().mapToInt(x -> x.position).max().orElse(0) + 1;
        applyItem(i, r);
        p.items.add(i);
        p.updatedAt = today.now();
        plans.flush();
        return p;
    }

    @Transactional
    public InternalControlPlan replaceItem(UUID id, UUID itemId, String ifMatch, ItemCommand r) {
        InternalControlPlan p = locked(id, ifMatch);
        p.requireStatus(Status.DRAFT, "have its controls changed");
        applyItem(item(p, itemId), r);
        p.updatedAt = today.now();
        plans.flush();
        return p;
    }

    @Transactional
    public InternalControlPlan removeItem(UUID id, UUID itemId, String ifMatch) {
        InternalControlPlan p = locked(id, ifMatch);
        p.requireStatus(Status.DRAFT, "have its controls removed");
        p.items.remove(item(p, itemId));
        p.updatedAt = today.now();
        plans.flush();
        return p;
    }

    @Transactional
    public InternalControlPlan adopt(UUID id, String ifMatch, AdoptCommand r) {
        InternalControlPlan p = locked(id, ifMatch);
        new TextGuard().text("adoptedBy", r.adoptedBy()).done();
        p.adopt(notFuture("adoptedOn", r.adoptedOn()), r.adoptedBy().strip(), today.now());
        plans.flush();
        return p;
    }

    @Transactional
    public InternalControlPlan recordResult(UUID id, UUID itemId, String ifMatch, ResultCommand r) {
        InternalControlPlan p = locked(id, ifMatch);
        p.requireStatus(Status.ADOPTED, "get results");
        new TextGuard().text("result", r.result()).text("actions", r.actions()).done();
        InternalControlItem i = item(p, itemId);
        i.resultStatus = r.resultStatus();
        i.result = r.result();
        i.deviationsFound = r.deviationsFound();
        i.actions = r.actions();
        i.completedOn = r.resultStatus() == InternalControlItem.ResultStatus.NOT_DONE
                ? null
                : notFuture("completedOn", r.completedOn());
        p.updatedAt = today.now();
        plans.flush();
        return p;
    }

    @Transactional
    public InternalControlPlan report(UUID id, String ifMatch, ReportCommand r) {
        InternalControlPlan p = locked(id, ifMatch);
        new TextGuard()
                .text("summary", r.summary())
                .text("reportedTo", r.reportedTo())
                .done();
        p.report(
                r.summary(),
                notFuture("reportedOn", r.reportedOn()),
                r.reportedTo().strip(),
                today.now());
        plans.flush();
        return p;
    }

    @Transactional
    public Page<InternalControlPlan> list(Integer year, UUID orgUnitId, Status status, int page, int limit) {
        return new Where()
                .and("year = ?", year)
                .and("orgUnitId = ?", orgUnitId)
                .and("status = ?", status)
                .page(plans, "year desc, title, id", page, limit);
    }

    /**
     * Publishes {@code internal-control.overdue} once for every control of an adopted plan that is past its due date
     * without having been carried out (the scheduler, {@link OverdueJob}, one replica at a time); returns how many.
     */
    @Transactional
    public int markOverdue(LocalDate day) {
        int n = 0;
        for (InternalControlItem i : plans.getEntityManager()
                .createQuery(
                        "select i from InternalControlItem i join fetch i.plan p where p.status = :adopted"
                                + " and i.dueOn < :day and i.overdueNotified = false order by i.dueOn, i.id",
                        InternalControlItem.class)
                .setParameter("adopted", Status.ADOPTED)
                .setParameter("day", day)
                .getResultList()) {
            InternalControlOverdueV1 e = i.markOverdueIfDue(day);
            if (e != null) {
                outbox.publish(e);
                n++;
            }
        }
        return n;
    }

    private LocalDate notFuture(String field, LocalDate day) {
        LocalDate d = day == null ? today.date() : day;
        if (d.isAfter(today.date())) {
            throw ProblemException.invalidField(field, "must not be in the future");
        }
        return d;
    }

    private static InternalControlItem item(InternalControlPlan p, UUID itemId) {
        return p.item(itemId).orElseThrow(() -> ProblemException.notFound("Control " + itemId + " of the plan"));
    }

    private void applyItem(InternalControlItem i, ItemCommand r) {
        new TextGuard()
                .text("risk", r.risk())
                .text("control", r.control())
                .text("method", r.method())
                .text("schedule", r.schedule())
                .text("responsibleRole", r.responsibleRole())
                .done();
        if (r.riskId() != null) {
            registry.requireRisks("riskId", Set.of(r.riskId()), access.isSystem(), access::mayInspect);
        }
        if (r.egenkontrollPlanId() != null
                && egenkontroll.findByIdOptional(r.egenkontrollPlanId()).isEmpty()) {
            throw ReferenceProblems.unknown("egenkontrollPlanId", "no such egenkontroll plan");
        }
        i.riskId = r.riskId();
        i.risk = r.risk().strip();
        i.likelihood = r.likelihood();
        i.consequence = r.consequence();
        i.control = r.control().strip();
        i.method = r.method();
        i.schedule = r.schedule();
        i.responsibleRole = r.responsibleRole().strip();
        i.egenkontrollPlanId = r.egenkontrollPlanId();
        i.dueOn = r.dueOn();
    }
}
