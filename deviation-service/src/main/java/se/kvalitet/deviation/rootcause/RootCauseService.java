package se.kvalitet.deviation.rootcause;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.TrackWork;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.RootCause;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * Root causes (orsaker) of a track from the taxonomy, each optionally pointing at routines of the
 * process registry; a routine must be known to the local copy kept from the registry's document
 * events, be a routine, and not have been withdrawn before the deviation occurred (else 422).
 */
@ApplicationScoped
public class RootCauseService {

    @Inject
    TrackRootCauseRepository causes;

    @Inject
    TrackWork work;

    @Inject
    RoutineCopy routines;

    @Inject
    FreeTextGuard guard;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Transactional
    public TrackRootCause add(UUID deviationId, UUID trackId, RootCause cause, Set<UUID> routineIds, String comment) {
        DeviationTrack t = work.track(deviationId, trackId, Action.UPDATE);
        work.requireInvestigator(t);
        if (!t.isInvestigated() || !t.isOpen()) {
            throw ProblemException.conflict(
                            "track-not-investigating", "Root causes are added to a running investigation")
                    .with("currentState", t.state());
        }
        Set<UUID> ids = routineIds == null ? Set.of() : new LinkedHashSet<>(routineIds);
        LocalDate occurred = LocalDate.ofInstant(t.deviation.occurredAt, Deviation.SWEDEN);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (UUID id : ids) {
            Optional<RoutineCopy.Document> doc = routines.find(id);
            if (doc.isEmpty()) {
                errors.add(new Problem.FieldError("routineIds", "unknown routine " + id));
            } else if (!doc.get().isRoutine()) {
                errors.add(new Problem.FieldError(
                        "routineIds", id + " is a " + doc.get().type() + ", not a routine"));
            } else if (doc.get().withdrawnOn() != null
                    && !doc.get().withdrawnOn().isAfter(occurred)) {
                errors.add(new Problem.FieldError(
                        "routineIds", "routine " + id + " was withdrawn before the deviation occurred"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(
                    "unknown-routine", "Root causes point only at routines the process registry has published", errors);
        }
        FreeTextGuard.Screening screening = guard.screen();
        String text = screening.text("comment", comment == null || comment.isBlank() ? null : comment.strip());
        screening.done();
        TrackRootCause c = new TrackRootCause();
        c.id = UUID.randomUUID();
        c.trackId = t.id;
        c.cause = cause;
        c.routineIds = ids;
        c.comment = text;
        c.createdBy = caller.username();
        c.createdAt = clock.instant();
        causes.persist(c);
        work.touch(t);
        return c;
    }

    /** Removes a root cause recorded by mistake, while the investigation runs. If-Match: the track's ETag. */
    @Transactional
    public DeviationTrack remove(UUID deviationId, UUID trackId, UUID causeId, String ifMatch) {
        DeviationTrack t = work.track(deviationId, trackId, Action.UPDATE);
        work.requireInvestigator(t);
        ETags.requireMatch(ifMatch, t.version);
        TrackRootCause c = causes.findById(causeId);
        if (c == null || !c.trackId.equals(t.id)) {
            throw ProblemException.notFound("Root cause " + causeId);
        }
        if (!t.isOpen()) {
            throw ProblemException.conflict("track-closed", "The track has ended")
                    .with("currentState", t.state());
        }
        causes.delete(c);
        work.touch(t);
        return t;
    }

    public List<TrackRootCause> of(UUID trackId) {
        return causes.list("trackId", Sort.by("createdAt").and("id"), trackId);
    }
}
