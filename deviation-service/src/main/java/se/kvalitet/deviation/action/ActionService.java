package se.kvalitet.deviation.action;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.domain.TrackKind;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationAccess;
import se.kvalitet.deviation.report.DeviationQueries;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.RootCause;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.orgcopy.OrgUnitLookup;
import se.kvalitet.web.Caller;
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
    DeviationActionRepository actionRepository;

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
    OrgUnitLookup lookup;

    /** What a new action says. */
    public record NewAction(
            String title,
            String description,
            String owner,
            UUID orgUnitId,
            LocalDate dueDate,
            UUID trackId,
            Set<RootCause> rootCauses,
            LocalDate effectCheckDue) {}

    /** Filters of the action list; null means no filter. */
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
            track = d.tracks.stream()
                    .filter(t -> t.id.equals(a.trackId()))
                    .findFirst()
                    .filter(t -> t.policy().trackKind() != TrackKind.NONE
                            && t.closure != DeviationTrackClosedV1.Closure.RECLASSIFIED)
                    .orElseThrow(() -> ReferenceProblems.unknown(
                            "trackId", "must be a running or completed track of this report"));
        }
        FreeTextGuard.Screening screening = guard.screen();
        String title = screening.text("title", a.title().strip());
        String description = screening.text(
                "description",
                a.description() == null || a.description().isBlank()
                        ? null
                        : a.description().strip());
        // the owner is a username (Keycloak preferred_username): this service has no directory of people, so its form
        // is
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
        actionRepository.persist(x);
        clocks.startUntil(
                d.id,
                ClockKind.ACTION_DUE,
                x.id,
                track == null ? null : track.category,
                x.orgUnitId,
                now,
                endOf(x.dueDate));
        d.updatedAt = now;
        outbox.publish(new DeviationActionAddedV1(
                d.id,
                x.id,
                x.trackId,
                track == null ? null : track.category,
                x.orgUnitId,
                d.orgUnitId,
                d.categories(),
                List.copyOf(x.rootCauses),
                x.dueDate,
                now));
        return x;
    }

    @Transactional
    public DeviationAction action(UUID deviationId, UUID actionId, Action logAs) {
        queries.readCase(deviationId, logAs);
        DeviationAction x = actionRepository.findById(actionId);
        if (x == null || !x.deviationId.equals(deviationId)) {
            throw ProblemException.notFound("Action " + actionId);
        }
        return x;
    }

    @Transactional
    public List<DeviationAction> ofDeviation(UUID deviationId) {
        queries.readCase(deviationId, Action.READ);
        return actionRepository.list("deviationId", Sort.by("createdAt").and("id"), deviationId);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Deviation.SWEDEN);
    }

    Deviation workable(UUID deviationId, Action logAs) {
        Deviation d = queries.read(deviationId, logAs);
        if (!access.canWorkOn(d)) {
            throw ProblemException.forbidden(
                    "Only the quality team, the unit's managers and the case's investigators work on its actions");
        }
        return d;
    }

    /**
     * The unit an action is attributed to puts it in that unit's lists and deadlines: it must be a unit the
     * caller may attribute the case's work to ({@link DeviationAccess#mayAttributeWorkTo}, 403 naming
     * {@code orgUnitId}; checked first, so a unit outside is a 403 whether it exists or not), and an
     * active unit of the organisation (422).
     */
    void requireUnitForWork(Deviation d, UUID unit) {
        if (!access.mayAttributeWorkTo(d, unit)) {
            throw ReferenceProblems.foreign(
                    "orgUnitId",
                    "an action is attributed to a unit of your own part of the organisation"
                            + " (investigators: a unit the report concerns)");
        }
        Boolean active = lookup.activeByUnit(List.of(unit)).get(unit); // a new unit: asked of the registry
        if (active == null) {
            throw ReferenceProblems.unknown("orgUnitId", "no such org unit (as published by the process registry)");
        }
        if (!active) {
            throw ReferenceProblems.unknown("orgUnitId", "the org unit is closed");
        }
    }

    /** Who may not attribute work to the action's unit does not move it either (403). */
    void requireActionOfMyUnits(Deviation d, DeviationAction x) {
        if (!access.mayAttributeWorkTo(d, x.orgUnitId)) {
            throw ProblemException.forbidden(
                    "The action is attributed to a unit outside your part of the organisation");
        }
    }

    DeviationAction action(Deviation d, UUID actionId) {
        DeviationAction x = actionRepository.findById(actionId);
        if (x == null || !x.deviationId.equals(d.id)) {
            throw ProblemException.notFound("Action " + actionId);
        }
        return x;
    }

    static DeviationCategory trackType(Deviation d, DeviationAction x) {
        return x.trackId == null
                ? null
                : d.tracks.stream()
                        .filter(t -> t.id.equals(x.trackId))
                        .map(t -> t.category)
                        .findFirst()
                        .orElse(null);
    }

    /** The instant a Swedish day ends: an action due on a day is on time all that day. */
    static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(Deviation.SWEDEN).toInstant();
    }
}
