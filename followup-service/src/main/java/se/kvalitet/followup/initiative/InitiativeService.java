package se.kvalitet.followup.initiative;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.derived.DeviationFacts;
import se.kvalitet.followup.egenkontroll.EgenkontrollOccurrenceRepository;
import se.kvalitet.followup.egenkontroll.EgenkontrollPlanRepository;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.initiative.InitiativeCommands.CompleteCommand;
import se.kvalitet.followup.initiative.InitiativeCommands.EffectCommand;
import se.kvalitet.followup.initiative.InitiativeCommands.InitiativeCommand;
import se.kvalitet.followup.initiative.InitiativeCommands.TaskCommand;
import se.kvalitet.followup.initiative.QualityInitiative.Origin;
import se.kvalitet.followup.initiative.QualityInitiative.Status;
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
 * Quality initiatives (kvalitetsinsatser): NOT_STARTED → ONGOING → DONE / NOT_DONE, then a later
 * effect check. Closing publishes {@code initiative.completed}; an open initiative past its
 * deadline publishes {@code initiative.overdue} once (the scheduler, {@link OverdueJob}).
 */
@ApplicationScoped
public class InitiativeService {

    @Inject
    QualityInitiativeRepository initiatives;

    @Inject
    IndicatorRepository indicators;

    @Inject
    EgenkontrollPlanRepository plans;

    @Inject
    EgenkontrollOccurrenceRepository occurrences;

    @Inject
    FollowupAccess access;

    @Inject
    RegistryReferences registry;

    @Inject
    DeviationFacts deviations;

    @Inject
    Outbox outbox;

    @Inject
    Today today;

    @Transactional
    public QualityInitiative create(InitiativeCommand r) {
        access.requireWriteFor(r.orgUnitId());
        QualityInitiative i = new QualityInitiative();
        i.id = UUID.randomUUID();
        i.status = Status.NOT_STARTED;
        i.createdAt = today.now();
        apply(i, r);
        initiatives.persist(i);
        return i;
    }

    @Transactional
    public QualityInitiative get(UUID id) {
        return initiatives
                .findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Quality initiative " + id));
    }

    /** The initiative, after checking the caller may change it (before any body is judged). */
    @Transactional
    public QualityInitiative writable(UUID id) {
        QualityInitiative i = get(id);
        access.requireWriteFor(i.orgUnitId);
        return i;
    }

    @Transactional
    public QualityInitiative replace(UUID id, String ifMatch, InitiativeCommand r) {
        QualityInitiative i = locked(id, ifMatch);
        if (!i.isOpen()) {
            throw ProblemException.conflict(
                            "initiative-closed", "A closed quality initiative is not edited; record its effect instead")
                    .with("currentState", i.status.name());
        }
        access.requireWriteFor(r.orgUnitId());
        LocalDate before = i.deadline;
        apply(i, r);
        if (!Objects.equals(before, i.deadline)) {
            i.overdueNotified = false; // a new deadline is watched anew
        }
        initiatives.flush();
        return i;
    }

    @Transactional
    public QualityInitiative start(UUID id, String ifMatch) {
        return start(id, ifMatch, null);
    }

    /** Starts the initiative on {@code startedOn} (default today; {@link #happenedOn}'s rules): the demo data's past. */
    @Transactional
    public QualityInitiative start(UUID id, String ifMatch, LocalDate startedOn) {
        QualityInitiative i = locked(id, ifMatch);
        i.start(happenedOn("startedOn", startedOn, null), today.now());
        initiatives.flush();
        return i;
    }

    @Transactional
    public QualityInitiative complete(UUID id, String ifMatch, CompleteCommand r) {
        QualityInitiative i = locked(id, ifMatch);
        if (r.outcome() != Status.DONE && r.outcome() != Status.NOT_DONE) {
            throw ProblemException.invalidField("outcome", "must be DONE or NOT_DONE");
        }
        LocalDate on = happenedOn("closedOn", r.closedOn(), null);
        new TextGuard().text("effect", r.effect()).done();
        outbox.publish(i.close(r.outcome(), r.effect(), on, today.now()));
        initiatives.flush();
        return i;
    }

    @Transactional
    public QualityInitiative checkEffect(UUID id, String ifMatch, EffectCommand r) {
        QualityInitiative i = locked(id, ifMatch);
        LocalDate on = r.checkedOn() == null ? today.date() : r.checkedOn();
        if (on.isAfter(today.date())) {
            throw ProblemException.invalidField("checkedOn", "must not be in the future");
        }
        new TextGuard().text("effect", r.effect()).done();
        i.checkEffect(r.effective(), r.effect(), on, today.now());
        initiatives.flush();
        return i;
    }

    /**
     * The day a step of the initiative happened (issue 16 item 2): {@code given}, or today when left out; not in
     * the future, and a completion not before the start ({@code notBefore}). It may precede the initiative's
     * recording here (last year's initiative posted now), as a deviation's steps may precede the report's
     * arrival. A 400 naming the field otherwise. The completion's on-time figure (initiative.completed) follows
     * this day.
     */
    private LocalDate happenedOn(String field, LocalDate given, LocalDate notBefore) {
        LocalDate day = today.date();
        if (given == null) {
            return day;
        }
        if (given.isAfter(day)) {
            throw ProblemException.invalidField(field, "must not be in the future");
        }
        if (notBefore != null && given.isBefore(notBefore)) {
            throw ProblemException.invalidField(field, "must not be before the initiative started (" + notBefore + ")");
        }
        return given;
    }

    private QualityInitiative locked(UUID id, String ifMatch) {
        QualityInitiative i = get(id);
        access.requireWriteFor(i.orgUnitId);
        ETags.requireMatch(ifMatch, i.version);
        return i;
    }

    /** Filters of the list. */
    public record Filter(
            UUID orgUnitId,
            boolean subtree,
            Status status,
            Origin origin,
            Boolean overdue,
            LocalDate asOf,
            Integer year,
            UUID indicatorId,
            Instant updatedSince) {}

    @Transactional
    public Page<QualityInitiative> list(Filter f, int page, int limit) {
        Set<UUID> units = null;
        if (f.orgUnitId() != null) {
            units = new HashSet<>(List.of(f.orgUnitId()));
            if (f.subtree()) {
                units.addAll(access.tree().descendants(f.orgUnitId()));
            }
        }
        List<Status> open = List.of(Status.NOT_STARTED, Status.ONGOING);
        LocalDate day = f.asOf() == null ? today.date() : f.asOf();
        // QualityInitiative.isOverdueOn in JPQL: past its deadline on the day and not closed by then
        String overdueOn =
                "deadline is not null and deadline < ? and (closedOn > ? or (closedOn is null and status in ?))";
        return new Where()
                .and("orgUnitId in ?", units)
                .and("status = ?", f.status())
                .and("origin = ?", f.origin())
                .andIf(Boolean.TRUE.equals(f.overdue()), overdueOn, day, day, open)
                .andIf(Boolean.FALSE.equals(f.overdue()), "not (" + overdueOn + ")", day, day, open)
                .and(
                        "deadline >= ? and deadline <= ?",
                        f.year() == null ? null : LocalDate.of(f.year(), 1, 1),
                        f.year() == null ? null : LocalDate.of(f.year(), 12, 31))
                .and("indicatorId = ?", f.indicatorId())
                .and("updatedAt >= ?", f.updatedSince())
                .page(
                        initiatives,
                        f.updatedSince() != null ? "updatedAt, id" : "deadline nulls last, title, id",
                        page,
                        limit);
    }

    /** Publishes {@code initiative.overdue} once for every open initiative past its deadline; returns how many. */
    @Transactional
    public int markOverdue(LocalDate day) {
        int n = 0;
        for (QualityInitiative i : initiatives.list(
                "status in ?1 and deadline < ?2 and overdueNotified = false",
                List.of(Status.NOT_STARTED, Status.ONGOING),
                day)) {
            InitiativeOverdueV1 e = i.markOverdueIfDue(day, today.now());
            if (e != null) {
                outbox.publish(e);
                n++;
            }
        }
        return n;
    }

    /**
     * What {@code originRef} points at, by origin: an egenkontroll occurrence or plan (EGENKONTROLL), a risk of
     * the registry's analyses the caller may see (RISK), a report deviation-service told this service of that
     * concerns a unit the caller may see (DEVIATION_ANALYSIS; a report of another part of the organisation is as
     * unknown as a missing one); INDICATOR and OTHER point at nothing (the indicator is {@code indicatorId}).
     */
    private void requireOrigin(InitiativeCommand r, java.util.function.Predicate<UUID> visible) {
        UUID ref = r.originRef();
        switch (r.origin()) {
            case EGENKONTROLL -> {
                if (ref == null) {
                    throw ProblemException.invalidField(
                            "originRef", "an initiative from an egenkontroll names its occurrence or plan");
                }
                if (occurrences.findByIdOptional(ref).isEmpty()
                        && plans.findByIdOptional(ref).isEmpty()) {
                    throw ReferenceProblems.unknown("originRef", "no such egenkontroll occurrence or plan");
                }
            }
            case RISK -> {
                if (ref != null) {
                    registry.requireRisks("originRef", Set.of(ref), access.isSystem(), visible);
                }
            }
            case DEVIATION_ANALYSIS -> {
                if (ref != null
                        && !access.isSystem()
                        && !deviations
                                .unitsOf(ref)
                                .map(units -> units.stream().anyMatch(visible))
                                .orElse(false)) {
                    throw ReferenceProblems.unknown("originRef", "no such report of a unit you may see");
                }
            }
            default -> {
                if (ref != null) {
                    throw ProblemException.invalidField(
                            "originRef", "only for origins EGENKONTROLL, RISK and DEVIATION_ANALYSIS");
                }
            }
        }
    }

    private void apply(QualityInitiative i, InitiativeCommand r) {
        check(r, false);
        assign(i, r);
    }

    /**
     * The live checks of an initiative's data (texts, unit, indicator, origin and its reference, tasks' days), as a
     * problem naming the field; no write and no transaction of its own, so the history import
     * ({@link InitiativeHistory}) runs them per row inside its run. {@code wholeOrganisation}: the importer brings
     * the whole organisation's history, so an origin may be a risk or report of any unit.
     */
    void check(InitiativeCommand r, boolean wholeOrganisation) {
        TextGuard guard = new TextGuard()
                .text("title", r.title())
                .text("description", r.description())
                .text("support", r.support())
                .text("responsible", r.responsible());
        List<TaskCommand> tasks = r.tasks() == null ? List.of() : r.tasks();
        for (int n = 0; n < tasks.size(); n++) {
            guard.text("tasks[" + n + "].description", tasks.get(n).description())
                    .text("tasks[" + n + "].responsible", tasks.get(n).responsible());
        }
        guard.done();
        access.requireKnownUnit("orgUnitId", r.orgUnitId());
        if (r.indicatorId() != null
                && indicators.findByIdOptional(r.indicatorId()).isEmpty()) {
            throw ReferenceProblems.unknown("indicatorId", "no such indicator");
        }
        if (r.origin() == Origin.INDICATOR && r.indicatorId() == null) {
            throw ProblemException.invalidField("indicatorId", "an initiative from an indicator names it");
        }
        requireOrigin(r, wholeOrganisation ? unit -> true : access::mayInspect);
        LocalDate day = today.date();
        for (int n = 0; n < tasks.size(); n++) {
            if (tasks.get(n).doneOn() != null && tasks.get(n).doneOn().isAfter(day)) {
                throw ProblemException.invalidField("tasks[" + n + "].doneOn", "must not be in the future");
            }
        }
    }

    /** Sets what {@link #check} accepted. */
    void assign(QualityInitiative i, InitiativeCommand r) {
        List<TaskCommand> tasks = r.tasks() == null ? List.of() : r.tasks();
        i.orgUnitId = r.orgUnitId();
        i.title = r.title().strip();
        i.description = r.description();
        i.responsible = r.responsible().strip();
        i.deadline = r.deadline();
        i.support = r.support();
        i.origin = r.origin();
        i.originRef = r.originRef();
        i.indicatorId = r.indicatorId();
        i.tasks.clear();
        for (TaskCommand t : tasks) {
            i.tasks.add(new QualityInitiative.Task(
                    t.responsible().strip(), t.description().strip(), t.deadline(), t.doneOn()));
        }
        i.updatedAt = today.now();
    }
}
