package se.kvalitet.deviation.triage;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import se.kvalitet.deviation.access.AccessLog;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.clock.StepTime;
import se.kvalitet.deviation.domain.CategoryPolicies;
import se.kvalitet.deviation.domain.CategoryPolicy;
import se.kvalitet.deviation.domain.TrackKind;
import se.kvalitet.deviation.domain.TriageRules;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.report.DeviationQueries;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.report.DeviationTrackRepository;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * Triage by the quality team into one or more tracks, reclassification with history, and closing
 * a report with the summary its reporter gets. Every change is one transaction with its outbox
 * events and its access-log line.
 */
@ApplicationScoped
public class TriageService {

    @Inject
    DeviationTrackRepository tracks;

    @Inject
    TriageDecisionRepository decisions;

    @Inject
    DeviationQueries queries;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    FreeTextGuard guard;

    @Inject
    AccessLog accessLog;

    @Inject
    Clocks clocks;

    /**
     * Sets the report's categories. The first triage opens a track per category; a later one
     * (reclassification, reason required) ends the tracks whose category was taken away as
     * RECLASSIFIED and opens tracks for the new ones; tracks that stay are untouched. "Not a
     * deviation here" stands alone, needs a reason and ends at once: there is nothing to handle.
     */
    @Transactional
    public Deviation triage(UUID id, String ifMatch, List<DeviationCategory> requested, String reason) {
        return triage(id, ifMatch, requested, reason, null);
    }

    /**
     * Triage as decided at {@code decidedAt} (default now; {@link StepTime}'s rules, and a reclassification not
     * before the triage it changes): the tracks open then and their clocks run from then.
     */
    @Transactional
    public Deviation triage(
            UUID id, String ifMatch, List<DeviationCategory> requested, String reason, Instant decidedAt) {
        Deviation d = queries.read(id, Action.TRIAGE);
        ETags.requireMatch(ifMatch, d.version);
        if (d.status == Deviation.Status.CLOSED) {
            throw ProblemException.conflict("deviation-closed", "A closed report cannot be triaged again")
                    .with("currentState", d.status);
        }
        Set<DeviationCategory> wanted = EnumSet.copyOf(requested);
        List<DeviationCategory> previous = d.categories();
        boolean reclassification = d.triagedAt != null;
        List<Problem.FieldError> errors =
                TriageRules.check(wanted, reclassification, reason != null && !reason.isBlank()).stream()
                        .map(e -> new Problem.FieldError(e.field(), e.message()))
                        .toList();
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("triage-rules", "The triage breaks a rule", errors);
        }
        if (reclassification && new TreeSet<>(previous).equals(new TreeSet<>(wanted))) {
            throw ProblemException.conflict("triage-unchanged", "The report already has exactly these categories")
                    .with("categories", previous);
        }
        FreeTextGuard.Screening screening = guard.screen();
        String screenedReason = screening.text("reason", reason == null ? null : reason.strip());
        screening.done();

        Instant recorded = clock.instant();
        Instant now = StepTime.of("decidedAt", decidedAt, recorded, d.occurredAt);
        if (reclassification && now.isBefore(d.triagedAt)) {
            throw ProblemException.invalidField(
                    "decidedAt", "must not be before the triage it changes (" + d.triagedAt + ")");
        }
        List<UUID> involved = List.copyOf(d.involvedOrgUnitIds);
        List<DeviationCategory> sorted = new ArrayList<>(new TreeSet<>(wanted));
        outbox.publish(new DeviationTriagedV1(d.id, d.orgUnitId, involved, sorted, previous, reclassification, now));
        for (DeviationTrack t : d.openTracks()) {
            if (!wanted.contains(t.category)) {
                end(d, t, DeviationTrackClosedV1.Closure.RECLASSIFIED, now);
            }
        }
        Set<DeviationCategory> open = EnumSet.noneOf(DeviationCategory.class);
        d.openTracks().forEach(t -> open.add(t.category));
        for (DeviationCategory c : sorted) {
            boolean completedBefore = d.tracks.stream()
                    .anyMatch(t -> t.category == c && t.closure == DeviationTrackClosedV1.Closure.COMPLETED);
            if (!open.contains(c) && !completedBefore) {
                open(d, c, involved, now);
            }
        }
        record(d, sorted, previous, screenedReason, now);
        clocks.stop(d.id, ClockKind.TRIAGE, "MET", now);
        d.triagedAt = now;
        d.status = Deviation.Status.IN_PROGRESS;
        d.updatedAt = recorded; // when it changed here (incremental pulls), not when it was decided
        decisions.flush();
        return d;
    }

    /** Opens the track of a category and starts what its policy runs from triage. */
    private void open(Deviation d, DeviationCategory c, List<UUID> involved, Instant now) {
        DeviationTrack t = new DeviationTrack();
        t.id = UUID.randomUUID();
        t.deviation = d;
        t.category = c;
        t.openedAt = now;
        d.tracks.add(t);
        tracks.persist(t);
        outbox.publish(new DeviationTrackOpenedV1(d.id, t.id, c, d.orgUnitId, involved, now));
        CategoryPolicy policy = CategoryPolicies.of(c);
        if (policy.trackKind() == TrackKind.NONE) {
            end(d, t, DeviationTrackClosedV1.Closure.COMPLETED, now);
        } else if (policy.notificationClockFromAwareness()) {
            // aware when the report reached the organisation, unless the quality team records otherwise
            t.awareAt = now.isBefore(d.createdAt) ? now : d.createdAt;
            clocks.start(d.id, policy.notificationClock().orElseThrow(), t.id, c, d.orgUnitId, t.awareAt);
        } else if (policy.investigationClock().isPresent()) {
            clocks.start(d.id, policy.investigationClock().get(), t.id, c, d.orgUnitId, now);
        }
    }

    private void record(
            Deviation d,
            List<DeviationCategory> categories,
            List<DeviationCategory> previous,
            String reason,
            Instant now) {
        TriageDecision decision = new TriageDecision();
        decision.id = UUID.randomUUID();
        decision.deviationId = d.id;
        decision.categories = TriageDecision.join(categories);
        decision.previousCategories = TriageDecision.join(previous);
        decision.reason = reason;
        decision.decidedBy = caller.subject();
        decision.decidedAt = now;
        decisions.persist(decision);
    }

    /** Closes a report whose tracks have all ended, with the summary written for its reporter. */
    @Transactional
    public Deviation close(UUID id, String ifMatch, String feedbackToReporter) {
        return close(id, ifMatch, feedbackToReporter, null);
    }

    /**
     * Closes the report as of {@code closedAt} (default now; {@link StepTime}'s rules, and not before its tracks
     * ended). A case closed, as dated, before this service received the report counts 0 days open.
     */
    @Transactional
    public Deviation close(UUID id, String ifMatch, String feedbackToReporter, Instant closedAt) {
        Deviation d = queries.read(id, Action.CLOSE);
        ETags.requireMatch(ifMatch, d.version);
        if (d.status == Deviation.Status.CLOSED) {
            throw ProblemException.conflict("deviation-closed", "The report is already closed")
                    .with("currentState", d.status);
        }
        if (d.triagedAt == null) {
            throw ProblemException.conflict("not-triaged", "A report is triaged before it is closed")
                    .with("currentState", d.status);
        }
        List<DeviationTrack> open = d.openTracks();
        if (!open.isEmpty()) {
            throw ProblemException.conflict("tracks-open", "Every track must end before the report is closed")
                    .with(
                            "openTracks",
                            open.stream()
                                    .map(t -> t.category.name() + " " + t.id)
                                    .toList());
        }
        FreeTextGuard.Screening screening = guard.screen();
        String feedback = screening.text("feedbackToReporter", feedbackToReporter.strip());
        screening.done();
        Instant recorded = clock.instant();
        Instant now = StepTime.of("closedAt", closedAt, recorded, d.occurredAt);
        Instant lastEnded = d.tracks.stream()
                .map(t -> t.closedAt)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
        if (lastEnded != null && now.isBefore(lastEnded)) {
            throw ProblemException.invalidField(
                    "closedAt", "must not be before the report's last track ended (" + lastEnded + ")");
        }
        d.feedbackToReporter = feedback;
        d.closedAt = now;
        d.status = Deviation.Status.CLOSED;
        d.updatedAt = recorded; // when it changed here (incremental pulls), not when it was closed
        LocalDate reportedOn = LocalDate.ofInstant(d.createdAt, Deviation.SWEDEN);
        LocalDate closedOn = LocalDate.ofInstant(now, Deviation.SWEDEN);
        outbox.publish(new DeviationClosedV1(
                d.id,
                d.orgUnitId,
                List.copyOf(d.involvedOrgUnitIds),
                d.categories(),
                d.createdAt,
                reportedOn,
                now,
                closedOn,
                (int) Math.max(0, ChronoUnit.DAYS.between(reportedOn, closedOn)),
                0));
        decisions.flush();
        return d;
    }

    /** The triage history of a report, oldest first. */
    @Transactional
    public List<TriageDecision> history(UUID id) {
        queries.readCase(id, Action.READ);
        return decisions.list("deviationId", Sort.by("decidedAt").and("id"), id);
    }

    private void end(Deviation d, DeviationTrack t, DeviationTrackClosedV1.Closure closure, Instant now) {
        t.closedAt = now;
        t.closure = closure;
        clocks.cancelAll(t.id, now);
        outbox.publish(new DeviationTrackClosedV1(
                d.id,
                t.id,
                t.category,
                closure,
                d.orgUnitId,
                List.copyOf(d.involvedOrgUnitIds),
                t.openedAt,
                now,
                LocalDate.ofInstant(now, Deviation.SWEDEN),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
    }
}
