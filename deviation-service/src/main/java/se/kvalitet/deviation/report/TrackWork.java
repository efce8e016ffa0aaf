package se.kvalitet.deviation.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.Hibernate;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.domain.HandledBy;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;

/**
 * Work on one track of a case: finds it on a case the caller works on (tracks are never part of the
 * filer's view), checks who may work on it, and marks the case changed. Every track feature
 * (investigation, notification, complaint, root causes) starts here.
 */
@ApplicationScoped
public class TrackWork {

    @Inject
    DeviationTrackRepository tracks;

    @Inject
    DeviationQueries queries;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    /** A track of a case the caller works on (tracks are never part of the filer's view). */
    @Transactional
    public DeviationTrack track(UUID deviationId, UUID trackId, Action action) {
        Deviation d = queries.readCase(deviationId, action);
        DeviationTrack t = d.tracks.stream()
                .filter(x -> x.id.equals(trackId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Track " + trackId));
        Hibernate.initialize(t.entries);
        Hibernate.initialize(t.notifications);
        return t;
    }

    /** An open track handled by investigation, for a write with {@code If-Match}. */
    public DeviationTrack openInvestigated(UUID deviationId, UUID trackId, String ifMatch) {
        DeviationTrack t = track(deviationId, trackId, Action.UPDATE);
        requireInvestigator(t);
        ETags.requireMatch(ifMatch, t.version);
        requireOpenInvestigated(t);
        return t;
    }

    public static void requireOpenInvestigated(DeviationTrack t) {
        if (!t.isInvestigated()) {
            throw ProblemException.conflict(
                            "not-investigated", "A " + t.category + " track is not handled by investigation")
                    .with("category", t.category);
        }
        if (!t.isOpen()) {
            throw ProblemException.conflict("track-closed", "The track has ended")
                    .with("currentState", t.state());
        }
    }

    /** The quality team, the assigned investigator, and for lex Maria the MAS may work on a track. */
    public void requireInvestigator(DeviationTrack t) {
        if (caller.hasAnyRole(Roles.QUALITY_TEAM, Roles.ADMIN)) {
            return;
        }
        if (caller.hasRole(Roles.INVESTIGATOR) && t.investigator != null && t.investigator.equals(caller.username())) {
            return;
        }
        if (caller.hasRole(Roles.MEDICALLY_RESPONSIBLE) && t.policy().handledBy() == HandledBy.MEDICALLY_RESPONSIBLE) {
            return;
        }
        throw ProblemException.forbidden("Only the quality team or the assigned investigator works on this track");
    }

    public void requireRole(String role, String detail) {
        if (!caller.hasRole(role)) {
            throw ProblemException.forbidden(detail);
        }
    }

    public void requireAnyRole(String detail, String... roles) {
        if (!caller.hasAnyRole(roles)) {
            throw ProblemException.forbidden(detail);
        }
    }

    /** The track and its case changed now (ETags and {@code updatedSince} lists follow). */
    public void touch(DeviationTrack t) {
        Instant now = clock.instant();
        t.deviation.updatedAt = now;
        t.updatedAt = now;
        tracks.flush();
    }
}
