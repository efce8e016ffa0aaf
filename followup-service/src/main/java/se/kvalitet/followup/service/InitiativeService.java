package se.kvalitet.followup.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.followup.QualityInitiative;
import se.kvalitet.followup.QualityInitiative.Origin;
import se.kvalitet.followup.QualityInitiative.Status;
import se.kvalitet.followup.repository.EgenkontrollOccurrenceRepository;
import se.kvalitet.followup.repository.EgenkontrollPlanRepository;
import se.kvalitet.followup.repository.IndicatorRepository;
import se.kvalitet.followup.repository.QualityInitiativeRepository;
import se.kvalitet.followup.rest.InitiativeApi.CompleteRequest;
import se.kvalitet.followup.rest.InitiativeApi.EffectRequest;
import se.kvalitet.followup.rest.InitiativeApi.InitiativeRequest;
import se.kvalitet.followup.rest.InitiativeApi.TaskRequest;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;

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
    Outbox outbox;

    @Inject
    Today today;

    @Transactional
    public QualityInitiative create(InitiativeRequest r) {
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
        return initiatives.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Quality initiative " + id));
    }

    /** The initiative, after checking the caller may change it (before any body is judged). */
    @Transactional
    public QualityInitiative writable(UUID id) {
        QualityInitiative i = get(id);
        access.requireWriteFor(i.orgUnitId);
        return i;
    }

    @Transactional
    public QualityInitiative replace(UUID id, String ifMatch, InitiativeRequest r) {
        QualityInitiative i = locked(id, ifMatch);
        if (!i.isOpen()) {
            throw ProblemException.conflict("initiative-closed", "A closed quality initiative is not edited; record its effect instead")
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
        QualityInitiative i = locked(id, ifMatch);
        i.start(today.date(), today.now());
        initiatives.flush();
        return i;
    }

    @Transactional
    public QualityInitiative complete(UUID id, String ifMatch, CompleteRequest r) {
        QualityInitiative i = locked(id, ifMatch);
        if (r.outcome() != Status.DONE && r.outcome() != Status.NOT_DONE) {
            throw ProblemException.invalidField("outcome", "must be DONE or NOT_DONE");
        }
        LocalDate on = r.closedOn() == null ? today.date() : r.closedOn();
        if (on.isAfter(today.date())) {
            throw ProblemException.invalidField("closedOn", "must not be in the future");
        }
        new TextGuard().text("effect", r.effect()).done();
        outbox.publish(i.close(r.outcome(), r.effect(), on, today.now()));
        initiatives.flush();
        return i;
    }

    @Transactional
    public QualityInitiative checkEffect(UUID id, String ifMatch, EffectRequest r) {
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

    private QualityInitiative locked(UUID id, String ifMatch) {
        QualityInitiative i = get(id);
        access.requireWriteFor(i.orgUnitId);
        ETags.requireMatch(ifMatch, i.version);
        return i;
    }

    /** Filters of the list. */
    public record Filter(UUID orgUnitId, boolean subtree, Status status, Origin origin, Boolean overdue, Integer year, UUID indicatorId,
            Instant updatedSince) {
    }

    @Transactional
    public Page<QualityInitiative> list(Filter f, int page, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.orgUnitId() != null) {
            Set<UUID> units = new HashSet<>(List.of(f.orgUnitId()));
            if (f.subtree()) {
                units.addAll(access.tree().descendants(f.orgUnitId()));
            }
            params.add(units);
            q.append(" and orgUnitId in ?").append(params.size());
        }
        if (f.status() != null) {
            params.add(f.status());
            q.append(" and status = ?").append(params.size());
        }
        if (f.origin() != null) {
            params.add(f.origin());
            q.append(" and origin = ?").append(params.size());
        }
        if (f.overdue() != null) {
            params.add(List.of(Status.NOT_STARTED, Status.ONGOING));
            String open = "status in ?" + params.size();
            params.add(today.date());
            q.append(f.overdue() ? " and " + open + " and deadline < ?" + params.size()
                    : " and not (" + open + " and deadline is not null and deadline < ?" + params.size() + ")");
        }
        if (f.year() != null) {
            params.add(LocalDate.of(f.year(), 1, 1));
            q.append(" and deadline >= ?").append(params.size());
            params.add(LocalDate.of(f.year(), 12, 31));
            q.append(" and deadline <= ?").append(params.size());
        }
        if (f.indicatorId() != null) {
            params.add(f.indicatorId());
            q.append(" and indicatorId = ?").append(params.size());
        }
        if (f.updatedSince() != null) {
            params.add(f.updatedSince());
            q.append(" and updatedAt >= ?").append(params.size());
        }
        String order = f.updatedSince() != null ? " order by updatedAt, id" : " order by deadline nulls last, title, id";
        var query = initiatives.find(q + order, params.toArray());
        long total = query.count();
        return new Page<>(query.page(io.quarkus.panache.common.Page.of(page - 1, limit)).list(), page, limit, total);
    }

    /** Publishes {@code initiative.overdue} once for every open initiative past its deadline; returns how many. */
    @Transactional
    public int markOverdue(LocalDate day) {
        int n = 0;
        for (QualityInitiative i : initiatives.list("status in ?1 and deadline < ?2 and overdueNotified = false",
                List.of(Status.NOT_STARTED, Status.ONGOING), day)) {
            InitiativeOverdueV1 e = i.markOverdueIfDue(day, today.now());
            if (e != null) {
                outbox.publish(e);
                n++;
            }
        }
        return n;
    }

    private void apply(QualityInitiative i, InitiativeRequest r) {
        TextGuard guard = new TextGuard().text("title", r.title()).text("description", r.description()).text("support", r.support())
                .text("responsible", r.responsible());
        List<TaskRequest> tasks = r.tasks() == null ? List.of() : r.tasks();
        for (int n = 0; n < tasks.size(); n++) {
            guard.text("tasks[" + n + "].description", tasks.get(n).description()).text("tasks[" + n + "].responsible", tasks.get(n).responsible());
        }
        guard.done();
        access.requireKnownUnit("orgUnitId", r.orgUnitId());
        if (r.indicatorId() != null && indicators.findByIdOptional(r.indicatorId()).isEmpty()) {
            throw ProblemException.invalidField("indicatorId", "no such indicator");
        }
        if (r.origin() == Origin.INDICATOR && r.indicatorId() == null) {
            throw ProblemException.invalidField("indicatorId", "an initiative from an indicator names it");
        }
        if (r.origin() == Origin.EGENKONTROLL) {
            if (r.originRef() == null) {
                throw ProblemException.invalidField("originRef", "an initiative from an egenkontroll names its occurrence or plan");
            }
            if (occurrences.findByIdOptional(r.originRef()).isEmpty() && plans.findByIdOptional(r.originRef()).isEmpty()) {
                throw ProblemException.invalidField("originRef", "no such egenkontroll occurrence or plan");
            }
        }
        LocalDate day = today.date();
        for (int n = 0; n < tasks.size(); n++) {
            if (tasks.get(n).doneOn() != null && tasks.get(n).doneOn().isAfter(day)) {
                throw ProblemException.invalidField("tasks[" + n + "].doneOn", "must not be in the future");
            }
        }
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
        for (TaskRequest t : tasks) {
            i.tasks.add(new QualityInitiative.Task(t.responsible().strip(), t.description().strip(), t.deadline(), t.doneOn()));
        }
        i.updatedAt = today.now();
    }
}
