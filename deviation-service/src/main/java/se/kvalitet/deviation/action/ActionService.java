package se.kvalitet.deviation.action;

import se.kvalitet.deviation.report.DeviationAccess;
import se.kvalitet.deviation.report.DeviationQueries;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.deviation.org.OrgUnitCopy;
import se.kvalitet.deviation.domain.TrackKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationActionEffectCheckedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.RootCause;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Actions (åtgärder) on a report: added by those who work on the case, moved through their
 * status, done with a date, and later checked for effect. Each has a due-date clock (and, once
 * done, an effect-check clock when a check date is set); every change others count goes out
 * through the outbox.
 */
@ApplicationScoped
public class ActionService {

    @Inject
    EntityManager em;

    @Inject
    DeviationQueries queries;

    @Inject
    DeviationAccess access;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Inject
    Clocks clocks;

    @Inject
    FreeTextGuard guard;

    @Inject
    OrgUnitCopy orgUnits;

    /** What a new action says. */
    public record NewAction(String title, String description, String owner, UUID orgUnitId, LocalDate dueDate, UUID trackId,
            Set<RootCause> rootCauses, LocalDate effectCheckDue) {
    }

    /** Filters of the action list; null means no filter. */
    public record Filter(DeviationAction.Status status, Boolean overdue, UUID orgUnit, String owner, UUID deviationId,
            Instant updatedSince) {
    }

    @Transactional
    public DeviationAction add(UUID deviationId, NewAction a) {
        Deviation d = workable(deviationId, Action.UPDATE);
        if (d.status == Deviation.Status.CLOSED) {
            throw ProblemException.conflict("deviation-closed", "The report is closed");
        }
        UUID unit = a.orgUnitId() != null ? a.orgUnitId() : d.orgUnitId;
        requireUnitForWork(d, unit);
        LocalDate today = today();
        if (a.dueDate().isBefore(today.minusYears(1))) {
            throw ProblemException.invalidField("dueDate", "must not be more than a year ago");
        }
        if (a.effectCheckDue() != null && a.effectCheckDue().isBefore(a.dueDate())) {
            throw ProblemException.invalidField("effectCheckDue", "must not be before dueDate");
        }
        DeviationTrack track = null;
        if (a.trackId() != null) {
            track = d.tracks.stream().filter(t -> t.id.equals(a.trackId())).findFirst()
                    .filter(t -> t.policy().trackKind() != TrackKind.NONE && t.closure != DeviationTrack.Closure.RECLASSIFIED)
                    .orElseThrow(() -> ReferenceProblems.unknown("trackId", "must be a running or completed track of this report"));
        }
        FreeTextGuard.Screening screening = guard.screen();
        String title = screening.text("title", a.title().strip());
        String description = screening.text("description", a.description() == null || a.description().isBlank()
                ? null : a.description().strip());
        // the owner is a username (Keycloak preferred_username): this service has no directory of people, so its form is
        // checked (the request's pattern) and it is an identifier that must not be a personal identity number
        screening.identifier("owner", a.owner());
        screening.done();
        Instant now = clock.instant();
        DeviationAction x = new DeviationAction();
        x.id = UUID.randomUUID();
        x.deviationId = d.id;
        x.trackId = a.trackId();
        x.title = title;
        x.description = description;
        x.owner = a.owner();
        x.orgUnitId = unit;
        x.dueDate = a.dueDate();
        x.effectCheckDue = a.effectCheckDue();
        x.status = DeviationAction.Status.PLANNED;
        x.rootCauses = DeviationAction.causes(a.rootCauses());
        x.createdBy = caller.username();
        x.createdAt = now;
        x.updatedAt = now;
        em.persist(x);
        clocks.startUntil(d.id, ClockKind.ACTION_DUE, x.id, track == null ? null : track.category, x.orgUnitId, now,
                endOf(x.dueDate));
        d.updatedAt = now;
        outbox.publish(new DeviationActionAddedV1(d.id, x.id, x.trackId, track == null ? null : track.category, x.orgUnitId,
                d.orgUnitId, d.categories(), List.copyOf(x.rootCauses), x.dueDate, now));
        return x;
    }

    @Transactional
    public DeviationAction action(UUID deviationId, UUID actionId, Action logAs) {
        queries.readCase(deviationId, logAs);
        DeviationAction x = em.find(DeviationAction.class, actionId);
        if (x == null || !x.deviationId.equals(deviationId)) {
            throw ProblemException.notFound("Action " + actionId);
        }
        return x;
    }

    @Transactional
    public List<DeviationAction> ofDeviation(UUID deviationId) {
        queries.readCase(deviationId, Action.READ);
        return em.createQuery("from DeviationAction where deviationId = :d order by createdAt, id", DeviationAction.class)
                .setParameter("d", deviationId).getResultList();
    }

    /** Moves the action on: IN_PROGRESS, DONE (with its done date) or CANCELLED (with a reason). */
    @Transactional
    public DeviationAction progress(UUID deviationId, UUID actionId, String ifMatch, DeviationAction.Status next, LocalDate doneDate,
            String reason, LocalDate effectCheckDue) {
        Deviation d = workable(deviationId, Action.UPDATE);
        DeviationAction x = action(d, actionId);
        requireActionOfMyUnits(d, x);
        ETags.requireMatch(ifMatch, x.version);
        if (!x.status.canMoveTo(next)) {
            throw ProblemException.conflict("action-transition", "An action in " + x.status + " cannot move to " + next)
                    .with("currentStatus", x.status);
        }
        Instant now = clock.instant();
        LocalDate today = today();
        switch (next) {
            case DONE -> {
                if (doneDate == null) {
                    throw ProblemException.invalidField("doneDate", "is required when the action is done");
                }
                if (doneDate.isAfter(today)) {
                    throw ProblemException.invalidField("doneDate", "must not be in the future");
                }
                if (doneDate.isBefore(LocalDate.ofInstant(x.createdAt, Deviation.SWEDEN).minusYears(1))) {
                    throw ProblemException.invalidField("doneDate", "is too long before the action was added");
                }
                LocalDate check = effectCheckDue != null ? effectCheckDue : x.effectCheckDue;
                if (check != null && check.isBefore(doneDate)) {
                    throw ProblemException.invalidField("effectCheckDue", "must not be before doneDate");
                }
                x.doneDate = doneDate;
                x.effectCheckDue = check;
                clocks.stop(x.id, ClockKind.ACTION_DUE, "MET", doneDate.atStartOfDay(Deviation.SWEDEN).toInstant());
                if (check != null) {
                    clocks.startUntil(d.id, ClockKind.ACTION_EFFECT_CHECK, x.id, trackType(d, x), x.orgUnitId, now, endOf(check));
                }
            }
            case CANCELLED -> {
                if (reason == null || reason.isBlank()) {
                    throw ProblemException.invalidField("reason", "is required when an action is cancelled");
                }
                FreeTextGuard.Screening screening = guard.screen();
                x.cancelReason = screening.text("reason", reason.strip());
                screening.done();
                clocks.stop(x.id, ClockKind.ACTION_DUE, "CANCELLED", now);
            }
            default -> {
                if (doneDate != null) {
                    throw ProblemException.invalidField("doneDate", "only when the action is done");
                }
            }
        }
        x.status = next;
        x.updatedAt = now;
        d.updatedAt = now;
        if (next == DeviationAction.Status.DONE) {
            long late = Math.max(0, ChronoUnit.DAYS.between(x.dueDate, x.doneDate));
            outbox.publish(new DeviationActionDoneV1(d.id, x.id, trackType(d, x), x.orgUnitId, d.orgUnitId, d.categories(),
                    x.dueDate, x.doneDate, late == 0, (int) late, now));
        }
        return x;
    }

    /** The later check of a done action: did it have the intended effect? Once per action. */
    @Transactional
    public DeviationAction checkEffect(UUID deviationId, UUID actionId, String ifMatch, LocalDate checkedOn, boolean effective,
            String comment) {
        Deviation d = workable(deviationId, Action.UPDATE);
        DeviationAction x = action(d, actionId);
        requireActionOfMyUnits(d, x);
        ETags.requireMatch(ifMatch, x.version);
        if (x.status != DeviationAction.Status.DONE) {
            throw ProblemException.conflict("action-not-done", "Only a done action has its effect checked")
                    .with("currentStatus", x.status);
        }
        if (x.effectCheckedOn != null) {
            throw ProblemException.conflict("effect-checked", "The effect is already checked; add a new action if it did not work");
        }
        if (checkedOn.isAfter(today())) {
            throw ProblemException.invalidField("checkedOn", "must not be in the future");
        }
        if (checkedOn.isBefore(x.doneDate)) {
            throw ProblemException.invalidField("checkedOn", "must not be before the action was done");
        }
        FreeTextGuard.Screening screening = guard.screen();
        x.effectComment = screening.text("comment", comment == null || comment.isBlank() ? null : comment.strip());
        screening.done();
        Instant now = clock.instant();
        x.effectCheckedOn = checkedOn;
        x.effective = effective;
        x.effectCheckedBy = caller.username();
        x.updatedAt = now;
        d.updatedAt = now;
        clocks.stop(x.id, ClockKind.ACTION_EFFECT_CHECK, "MET", checkedOn.atStartOfDay(Deviation.SWEDEN).toInstant());
        outbox.publish(new DeviationActionEffectCheckedV1(d.id, x.id, trackType(d, x), x.orgUnitId, d.orgUnitId, d.categories(),
                x.dueDate, x.doneDate, checkedOn, effective, now));
        return x;
    }

    /** Actions across every case the caller may see; the cases of the page go to the access log. */
    @Transactional
    public Page<DeviationAction> list(Filter f, PageParams page) {
        StringBuilder where = new StringBuilder(" where d.id = a.deviationId");
        Map<String, Object> params = new HashMap<>();
        queries.appendWorkable(where, params);
        if (f.status() != null) {
            where.append(" and a.status = :status");
            params.put("status", f.status());
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " and a.status in :open and a.dueDate < :today"
                    : " and (a.status not in :open or a.dueDate >= :today)");
            params.put("open", List.of(DeviationAction.Status.PLANNED, DeviationAction.Status.IN_PROGRESS));
            params.put("today", today());
        }
        if (f.orgUnit() != null) {
            where.append(" and a.orgUnitId in :subtree");
            params.put("subtree", orgUnits.withDescendants(List.of(f.orgUnit())));
        }
        if (f.owner() != null) {
            where.append(" and a.owner = :owner");
            params.put("owner", f.owner());
        }
        if (f.deviationId() != null) {
            where.append(" and a.deviationId = :deviationId");
            params.put("deviationId", f.deviationId());
        }
        if (f.updatedSince() != null) {
            where.append(" and a.updatedAt >= :updatedSince");
            params.put("updatedSince", f.updatedSince());
        }
        String order = f.updatedSince() != null ? " order by a.updatedAt, a.id" : " order by a.dueDate, a.id";
        Page<DeviationAction> result = queries.page("a", "DeviationAction a, Deviation d", where, params, order, page,
                DeviationAction.class);
        queries.logListed(result.items().stream().map(a -> a.deviationId).distinct().toList());
        return result;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Deviation.SWEDEN);
    }

    private Deviation workable(UUID deviationId, Action logAs) {
        Deviation d = queries.read(deviationId, logAs);
        if (!access.canWorkOn(d)) {
            throw ProblemException.forbidden("Only the quality team, the unit's managers and the case's investigators work on its actions");
        }
        return d;
    }

    /**
     * The unit an action is attributed to puts it in that unit's lists and deadlines: it must be a unit the
     * caller may attribute the case's work to ({@link DeviationAccess#mayAttributeWorkTo}, 403 naming
     * {@code orgUnitId}; checked first, so a unit outside is a 403 whether it exists or not), and an
     * active unit of the organisation (422).
     */
    private void requireUnitForWork(Deviation d, UUID unit) {
        if (!access.mayAttributeWorkTo(d, unit)) {
            throw ReferenceProblems.foreign("orgUnitId", "an action is attributed to a unit of your own part of the organisation"
                    + " (investigators: a unit the report concerns)");
        }
        Boolean active = orgUnits.known(List.of(unit)).get(unit);
        if (active == null) {
            throw ReferenceProblems.unknown("orgUnitId", "no such org unit (as published by the process registry)");
        }
        if (!active) {
            throw ReferenceProblems.unknown("orgUnitId", "the org unit is closed");
        }
    }

    /** Who may not attribute work to the action's unit does not move it either (403). */
    private void requireActionOfMyUnits(Deviation d, DeviationAction x) {
        if (!access.mayAttributeWorkTo(d, x.orgUnitId)) {
            throw ProblemException.forbidden("The action is attributed to a unit outside your part of the organisation");
        }
    }

    private DeviationAction action(Deviation d, UUID actionId) {
        DeviationAction x = em.find(DeviationAction.class, actionId);
        if (x == null || !x.deviationId.equals(d.id)) {
            throw ProblemException.notFound("Action " + actionId);
        }
        return x;
    }

    private static DeviationCategory trackType(Deviation d, DeviationAction x) {
        return x.trackId == null ? null
                : d.tracks.stream().filter(t -> t.id.equals(x.trackId)).map(t -> t.category).findFirst().orElse(null);
    }

    /** The instant a Swedish day ends: an action due on a day is on time all that day. */
    static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(Deviation.SWEDEN).toInstant();
    }
}
