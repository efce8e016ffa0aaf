package se.kvalitet.deviation.investigation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.deviation.access.Roles;
import se.kvalitet.deviation.action.ActionQueries;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.clock.StepTime;
import se.kvalitet.deviation.domain.CategoryPolicy;
import se.kvalitet.deviation.domain.HandledBy;
import se.kvalitet.deviation.domain.Section;
import se.kvalitet.deviation.report.AuthorityNotification;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.TrackWork;
import se.kvalitet.deviation.rootcause.RootCauseQueries;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/** Completes an investigated track with its position once its policy's requirements are met. */
@ApplicationScoped
public class CompletionService {

    @Inject
    TrackWork work;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    FreeTextGuard guard;

    @Inject
    Clocks clocks;

    @Inject
    InvestigationService investigations;

    @Inject
    RootCauseQueries rootCauses;

    @Inject
    ActionQueries actions;

    /**
     * Completes the investigation with its position (lex Sarah: ställningstagande; other
     * deviations: the analysis). Refused while required sections lack entries, before the
     * assessment, or while a serious case has no IVO notification.
     */
    @Transactional
    public DeviationTrack complete(UUID deviationId, UUID trackId, String ifMatch, String position) {
        return complete(deviationId, trackId, ifMatch, position, null);
    }

    /**
     * Completes the investigation as of {@code completedAt} (default now; {@link StepTime}'s rules, and
     * not before the track's assessment or initial notification): the investigation clock stops then and the
     * events carry that day.
     */
    @Transactional
    public DeviationTrack complete(
            UUID deviationId, UUID trackId, String ifMatch, String position, Instant completedAt) {
        return complete(deviationId, trackId, ifMatch, position, completedAt, false);
    }

    /**
     * As {@link #complete(UUID, UUID, String, String, Instant)}; {@code sectionsKeptElsewhere} is the migration
     * import's case: a past investigation whose written sections stay in the system it came from (the position
     * says so), so the required sections are not asked for here. Every other requirement (assessment, initial
     * notification, data subjects) holds as for live work.
     */
    @Transactional
    public DeviationTrack complete(
            UUID deviationId,
            UUID trackId,
            String ifMatch,
            String position,
            Instant completedAt,
            boolean sectionsKeptElsewhere) {
        DeviationTrack t = work.openInvestigated(deviationId, trackId, ifMatch);
        CategoryPolicy policy = t.policy();
        if (policy.handledBy() == HandledBy.MEDICALLY_RESPONSIBLE) {
            work.requireRole(
                    Roles.MEDICALLY_RESPONSIBLE,
                    "Only the medically responsible (MAS) completes " + policy.displayName());
        }
        List<Problem.FieldError> missing = new ArrayList<>();
        for (Section s : sectionsKeptElsewhere ? List.<Section>of() : investigations.missingSections(t)) {
            missing.add(new Problem.FieldError("entries." + s.name(), "the investigation has no entry on " + s.name()));
        }
        if (policy.requiresAssessment() && t.assessment == null) {
            missing.add(new Problem.FieldError("assessment", "the track is not assessed"));
        }
        if (t.reportable() && t.initialNotification().isEmpty()) {
            missing.add(new Problem.FieldError(
                    "notifications", "a reportable case is notified (IVO / IMY) before it is completed"));
        }
        if (policy.dataSubjectsToBeTold(t.assessment)
                && t.dataSubjectsNotifiedAt == null
                && t.dataSubjectsNotNotifiedReason == null) {
            missing.add(new Problem.FieldError(
                    "dataSubjectsNotifiedAt",
                    "a high-risk breach is told to the data subjects, or the reason why not is recorded (art. 34)"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable(
                    "investigation-incomplete", "The investigation is not complete", missing);
        }
        FreeTextGuard.Screening screening = guard.screen();
        String text = screening.text("position", position.strip());
        screening.done();
        Deviation d = t.deviation;
        Instant now = StepTime.of("completedAt", completedAt, clock.instant(), d.occurredAt);
        requireNotBefore("completedAt", now, "the assessment", t.assessedAt);
        requireNotBefore(
                "completedAt",
                now,
                "the initial notification",
                t.initialNotification().map(n -> n.sentAt).orElse(null));
        t.positionText = text;
        t.positionBy = caller.subject();
        t.closedAt = now;
        t.closure = DeviationTrackClosedV1.Closure.COMPLETED;
        policy.investigationClock().ifPresent(kind -> clocks.stop(t.id, kind, "MET", now));
        work.touch(t);
        boolean serious = Boolean.TRUE.equals(t.serious);
        LocalDate today = LocalDate.ofInstant(now, Deviation.SWEDEN);
        List<UUID> involved = List.copyOf(d.involvedOrgUnitIds);
        outbox.publish(new DeviationInvestigationCompletedV1(
                d.id,
                t.id,
                t.category,
                d.orgUnitId,
                involved,
                t.assessment,
                serious,
                t.reportable(),
                rootCauses.causes(t.id),
                rootCauses.routineIds(t.id),
                actions.countOnTrack(t.id),
                now,
                today));
        boolean investigatedWithAssessment = policy.requiresAssessment();
        Boolean notified = investigatedWithAssessment ? t.initialNotification().isPresent() : null;
        Boolean onTime =
                t.initialNotification().map(AuthorityNotification::onTime).orElse(null);
        outbox.publish(new DeviationTrackClosedV1(
                d.id,
                t.id,
                t.category,
                DeviationTrackClosedV1.Closure.COMPLETED,
                d.orgUnitId,
                involved,
                t.openedAt,
                now,
                today,
                t.assessment,
                investigatedWithAssessment ? serious : null,
                notified,
                onTime,
                null,
                null,
                null,
                null));
        return t;
    }

    /** A position is taken after what it rests on: a 400 naming the field otherwise. */
    private static void requireNotBefore(String field, Instant at, String what, Instant earlier) {
        if (earlier != null && at.isBefore(earlier)) {
            throw ProblemException.invalidField(field, "must not be before " + what + " (" + earlier + ")");
        }
    }
}
