package se.kvalitet.deviation.complaint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.clock.StepTime;
import se.kvalitet.deviation.domain.TrackKind;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationAccess;
import se.kvalitet.deviation.report.DeviationRepository;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.TrackWork;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintKind;
import se.kvalitet.events.deviation.ComplaintSource;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * Complaints, suggestions and praise (klagomål och synpunkter, SOSFS 2011:9 5 kap 3-5 §§):
 * registered with source and channel, acknowledged and answered within the clock engine's
 * service levels unless anonymous, and completed with whether a deviation occurred.
 */
@ApplicationScoped
public class ComplaintService {

    @Inject
    TrackWork work;

    @Inject
    Clocks clocks;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Inject
    FreeTextGuard guard;

    @Inject
    DeviationRepository deviations;

    @Inject
    DeviationAccess access;

    @Inject
    se.kvalitet.web.Caller caller;

    /** Registers (or corrects, before acknowledgement) what the complaint is; starts its clocks unless anonymous. */
    @Transactional
    public DeviationTrack register(UUID deviationId, UUID trackId, String ifMatch, RegisterComplaint command) {
        ComplaintKind kind = command.kind();
        ComplaintSource source = command.source();
        ComplaintChannel channel = command.channel();
        boolean anonymous = command.anonymous();
        Instant receivedAt = command.receivedAt();
        DeviationTrack t = open(deviationId, trackId, ifMatch);
        Instant now = clock.instant();
        if (t.acknowledgedAt != null || t.answeredAt != null) {
            throw ProblemException.conflict(
                            "complaint-acknowledged", "The complaint is acknowledged; its registration is fixed")
                    .with("currentState", t.state());
        }
        if (receivedAt.isAfter(now.plus(StepTime.CLOCK_SKEW))) {
            throw ProblemException.invalidField("receivedAt", "must not be in the future");
        }
        t.complaintKind = kind;
        t.complaintSource = source;
        t.complaintChannel = channel;
        t.anonymous = anonymous;
        t.receivedAt = receivedAt;
        Deviation d = t.deviation;
        clocks.stop(t.id, ClockKind.COMPLAINT_ACKNOWLEDGEMENT, "CANCELLED", now);
        clocks.stop(t.id, ClockKind.COMPLAINT_ANSWER, "CANCELLED", now);
        if (!anonymous) {
            clocks.start(d.id, ClockKind.COMPLAINT_ACKNOWLEDGEMENT, t.id, t.category, d.orgUnitId, receivedAt);
            clocks.start(d.id, ClockKind.COMPLAINT_ANSWER, t.id, t.category, d.orgUnitId, receivedAt);
        }
        work.touch(t);
        return t;
    }

    @Transactional
    public DeviationTrack acknowledge(UUID deviationId, UUID trackId, String ifMatch, Instant acknowledgedAt) {
        DeviationTrack t = registered(deviationId, trackId, ifMatch);
        requireNamed(t);
        if (t.acknowledgedAt != null) {
            throw ProblemException.conflict("already-acknowledged", "The complaint is already acknowledged");
        }
        checkTime("acknowledgedAt", acknowledgedAt, t.receivedAt);
        t.acknowledgedAt = acknowledgedAt;
        clocks.stop(t.id, ClockKind.COMPLAINT_ACKNOWLEDGEMENT, "MET", acknowledgedAt);
        work.touch(t);
        return t;
    }

    @Transactional
    public DeviationTrack answer(UUID deviationId, UUID trackId, String ifMatch, Instant answeredAt, String answer) {
        DeviationTrack t = registered(deviationId, trackId, ifMatch);
        requireNamed(t);
        if (t.answeredAt != null) {
            throw ProblemException.conflict("already-answered", "The complaint is already answered");
        }
        checkTime("answeredAt", answeredAt, t.receivedAt);
        FreeTextGuard.Screening screening = guard.screen();
        t.answerText = screening.text("answer", answer.strip());
        screening.done();
        t.answeredAt = answeredAt;
        if (t.acknowledgedAt == null) {
            t.acknowledgedAt = answeredAt; // an answer acknowledges too
            clocks.stop(t.id, ClockKind.COMPLAINT_ACKNOWLEDGEMENT, "MET", answeredAt);
        }
        clocks.stop(t.id, ClockKind.COMPLAINT_ANSWER, "MET", answeredAt);
        work.touch(t);
        return t;
    }

    /**
     * Completes the complaint with its outcome: whether a deviation occurred and, if so, the track of
     * this report it became (the quality team adds that category by reclassification first).
     */
    @Transactional
    public DeviationTrack complete(UUID deviationId, UUID trackId, String ifMatch, CompleteComplaint command) {
        String outcome = command.outcome();
        Boolean deviationOccurred = command.deviationOccurred();
        UUID linkedTrackId = command.linkedTrackId();
        UUID linkedDeviationId = command.linkedDeviationId();
        DeviationTrack t = registered(deviationId, trackId, ifMatch);
        List<Problem.FieldError> missing = new ArrayList<>();
        if (!Boolean.TRUE.equals(t.anonymous) && t.answeredAt == null) {
            missing.add(new Problem.FieldError("answeredAt", "a complainant who gave their name gets an answer first"));
        }
        if (deviationOccurred == null) {
            missing.add(new Problem.FieldError("deviationOccurred", "say whether a deviation occurred"));
        }
        Deviation d = t.deviation;
        if (linkedTrackId != null) {
            boolean valid = d.tracks.stream()
                    .anyMatch(x -> x.id.equals(linkedTrackId)
                            && x.policy().trackKind() == TrackKind.INVESTIGATION
                            && x.closure != DeviationTrackClosedV1.Closure.RECLASSIFIED);
            if (!valid) {
                missing.add(new Problem.FieldError("linkedTrackId", "must be a deviation track of this report"));
            } else if (!Boolean.TRUE.equals(deviationOccurred)) {
                missing.add(new Problem.FieldError("linkedTrackId", "only when a deviation occurred"));
            }
        }
        if (linkedDeviationId != null) {
            Deviation other = deviations.findById(linkedDeviationId);
            if (linkedDeviationId.equals(d.id) || other == null || !access.canRead(other)) {
                missing.add(new Problem.FieldError("linkedDeviationId", "must be another report you can see"));
            } else if (!Boolean.TRUE.equals(deviationOccurred)) {
                missing.add(new Problem.FieldError("linkedDeviationId", "only when a deviation occurred"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable(
                    "complaint-incomplete", "The complaint cannot be completed yet", missing);
        }
        FreeTextGuard.Screening screening = guard.screen();
        String text = screening.text("position", outcome.strip());
        screening.done();
        // when the outcome was decided (issue 16 item 2): not in the future, not before the complaint was received
        // nor before its answer; the track closes, its clocks stop and the event carries that time
        Instant now = command.completedAt() == null ? clock.instant() : command.completedAt();
        if (command.completedAt() != null) {
            checkTime("completedAt", now, t.receivedAt);
            if (t.answeredAt != null && now.isBefore(t.answeredAt)) {
                throw ProblemException.invalidField(
                        "completedAt", "must not be before the complainant was answered (" + t.answeredAt + ")");
            }
        }
        t.positionText = text;
        t.deviationOccurred = deviationOccurred;
        t.linkedTrackId = linkedTrackId;
        t.linkedDeviationId = linkedDeviationId;
        t.positionBy = caller.username();
        t.closedAt = now;
        t.closure = DeviationTrackClosedV1.Closure.COMPLETED;
        clocks.cancelAll(t.id, now);
        work.touch(t);
        outbox.publish(new DeviationTrackClosedV1(
                d.id,
                t.id,
                t.category,
                DeviationTrackClosedV1.Closure.COMPLETED,
                d.orgUnitId,
                List.copyOf(d.involvedOrgUnitIds),
                t.openedAt,
                now,
                LocalDate.ofInstant(now, Deviation.SWEDEN),
                null,
                null,
                null,
                null,
                t.complaintKind,
                t.complaintSource,
                t.complaintChannel,
                deviationOccurred));
        return t;
    }

    private DeviationTrack open(UUID deviationId, UUID trackId, String ifMatch) {
        DeviationTrack t = work.track(deviationId, trackId, Action.UPDATE);
        work.requireInvestigator(t);
        ETags.requireMatch(ifMatch, t.version);
        if (t.policy().trackKind() != TrackKind.COMPLAINT) {
            throw ProblemException.conflict("not-a-complaint", "Only a complaint track is handled this way")
                    .with("category", t.category);
        }
        if (!t.isOpen()) {
            throw ProblemException.conflict("track-closed", "The track has ended")
                    .with("currentState", t.state());
        }
        return t;
    }

    private DeviationTrack registered(UUID deviationId, UUID trackId, String ifMatch) {
        DeviationTrack t = open(deviationId, trackId, ifMatch);
        if (t.receivedAt == null) {
            throw ProblemException.conflict(
                    "complaint-not-registered", "Register the complaint (source, channel, received) first");
        }
        return t;
    }

    private static void requireNamed(DeviationTrack t) {
        if (Boolean.TRUE.equals(t.anonymous)) {
            throw ProblemException.conflict(
                    "anonymous-complaint", "An anonymous complaint gets no acknowledgement or answer");
        }
    }

    private void checkTime(String field, Instant at, Instant receivedAt) {
        if (at.isAfter(clock.instant().plus(StepTime.CLOCK_SKEW))) {
            throw ProblemException.invalidField(field, "must not be in the future");
        }
        if (at.isBefore(receivedAt)) {
            throw ProblemException.invalidField(field, "must not be before the complaint was received");
        }
    }
}
