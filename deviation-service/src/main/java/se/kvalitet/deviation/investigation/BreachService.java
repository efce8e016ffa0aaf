package se.kvalitet.deviation.investigation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.clock.StepTime;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.TrackWork;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.web.ProblemException;

/** A personal data breach's own facts (GDPR art. 33-34): awareness, what it concerns, whether the data subjects were told. */
@ApplicationScoped
public class BreachService {

    @Inject
    TrackWork work;

    @Inject
    Clock clock;

    @Inject
    FreeTextGuard guard;

    @Inject
    Clocks clocks;

    /**
     * Records what a breach concerns and when the organisation became aware of it (the IMY clock
     * starts then; moving awareness moves the running clock), and whether the data subjects of a
     * high-risk breach were told (art. 34) or why not.
     */
    @Transactional
    public DeviationTrack breachDetails(UUID deviationId, UUID trackId, String ifMatch, BreachDetails command) {
        Instant awareAt = command.awareAt();
        Integer affectedCount = command.affectedCount();
        List<DeviationTrack.DataCategory> dataCategories = command.dataCategories();
        Instant dataSubjectsNotifiedAt = command.dataSubjectsNotifiedAt();
        String notNotifiedReason = command.notNotifiedReason();
        DeviationTrack t = work.openInvestigated(deviationId, trackId, ifMatch);
        if (!t.policy().notificationClockFromAwareness()) {
            throw ProblemException.conflict("not-a-breach", "Only a personal data breach track has breach details");
        }
        Instant now = clock.instant();
        Deviation d = t.deviation;
        if (awareAt != null) {
            StepTime.of("awareAt", awareAt, now, d.occurredAt); // not in the future, not before the breach occurred
            if (t.initialNotification().isPresent() && !awareAt.equals(t.awareAt)) {
                throw ProblemException.conflict("already-notified", "Awareness cannot move after IMY was notified");
            }
            t.awareAt = awareAt;
            ClockKind notification = t.policy().notificationClock().orElseThrow();
            clocks.stop(t.id, notification, "CANCELLED", now);
            if (t.assessment == null || t.reportable()) {
                clocks.start(d.id, notification, t.id, t.category, d.orgUnitId, awareAt);
            }
        }
        if (affectedCount != null) {
            t.affectedCount = affectedCount;
        }
        if (dataCategories != null) {
            t.dataCategories = String.join(
                    ",",
                    dataCategories.stream().distinct().sorted().map(Enum::name).toList());
        }
        if (dataSubjectsNotifiedAt != null) {
            StepTime.of("dataSubjectsNotifiedAt", dataSubjectsNotifiedAt, now, d.occurredAt);
            t.dataSubjectsNotifiedAt = dataSubjectsNotifiedAt;
        }
        if (notNotifiedReason != null && !notNotifiedReason.isBlank()) {
            FreeTextGuard.Screening screening = guard.screen();
            t.dataSubjectsNotNotifiedReason =
                    screening.text("dataSubjectsNotNotifiedReason", notNotifiedReason.strip());
            screening.done();
        }
        work.touch(t);
        return t;
    }
}
