package se.kvalitet.deviation.migration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import se.kvalitet.deviation.clock.Clocks;
import se.kvalitet.deviation.clock.ReplayClock;
import se.kvalitet.deviation.complaint.ComplaintService;
import se.kvalitet.deviation.complaint.CompleteComplaint;
import se.kvalitet.deviation.complaint.RegisterComplaint;
import se.kvalitet.deviation.intake.DeviationIntakeService;
import se.kvalitet.deviation.intake.ReportDeviation;
import se.kvalitet.deviation.investigation.BreachDetails;
import se.kvalitet.deviation.investigation.BreachService;
import se.kvalitet.deviation.investigation.CompletionService;
import se.kvalitet.deviation.investigation.InvestigationService;
import se.kvalitet.deviation.notification.FileNotification;
import se.kvalitet.deviation.notification.NotificationService;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.deviation.screening.FreeTextGuard;
import se.kvalitet.deviation.triage.TriageService;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * Replays one historical report through the same services as live work, each step at the time it
 * happened ({@link ReplayClock}): intake at {@code receivedAt}, triage, assessment, IVO / IMY notifications,
 * breach facts, complaint registration and answer, the position and the closing. So every rule of live
 * work holds (a notification after its deadline is late, a position not before the assessment, the
 * personnummer guard on every text), and the same events leave through the outbox with the original
 * dates in them. Runs inside the caller's transaction: one row, one transaction.
 */
@ApplicationScoped
class ImportReplay {

    /** The services' field names as an import row calls them, so a refused step names the row's column. */
    private static final Map<String, String> ROW_FIELD = Map.ofEntries(
            Map.entry("decidedAt", "triagedAt"),
            Map.entry("reason", "triageReason"),
            Map.entry("categories", "category"),
            Map.entry("sentAt", "notificationSentAt"),
            Map.entry("lateReason", "notificationLateReason"),
            Map.entry("content", "summary"),
            Map.entry("notifications", "notificationSentAt"),
            Map.entry("awareAt", "breachAwareAt"),
            Map.entry("receivedAt", "complaintReceivedAt"),
            Map.entry("answeredAt", "complaintAnsweredAt"),
            Map.entry("answer", "complaintAnswer"),
            Map.entry("feedbackToReporter", "closingFeedback"),
            Map.entry("serious", "serious"));

    private static final List<ClockKind> NOTIFICATION_CLOCKS = List.of(
            ClockKind.LEX_SARAH_IVO_NOTIFICATION, ClockKind.LEX_MARIA_IVO_NOTIFICATION, ClockKind.IMY_NOTIFICATION);

    @Inject
    DeviationIntakeService intake;

    @Inject
    TriageService triage;

    @Inject
    InvestigationService investigations;

    @Inject
    BreachService breaches;

    @Inject
    NotificationService notifications;

    @Inject
    CompletionService completions;

    @Inject
    ComplaintService complaints;

    @Inject
    Clocks clocks;

    @Inject
    OrgCopy orgUnits;

    @Inject
    FreeTextGuard guard;

    /** The report the row became. Throws the refusing step's problem, its fields named as the row names them. */
    UUID replay(ImportRow row) {
        try {
            return steps(row);
        } catch (ProblemException e) {
            throw asRowProblem(e);
        }
    }

    private UUID steps(ImportRow row) {
        FreeTextGuard.Screening screening = guard.screen();
        screening.identifier("sourceSystem", row.sourceSystem());
        screening.identifier("sourceId", row.sourceId());
        screening.done();
        if (!orgUnits.knows(row.orgUnitId())) {
            // no registry look-up on a miss here (it would need a person's token): the organisation comes first
            throw ProblemException.unprocessable(
                    "unknown-reference",
                    "The unit is not known",
                    List.of(new Problem.FieldError(
                            "orgUnitId", "no such org unit (as published by the process registry)")));
        }
        String origin = "Migrerad från " + row.sourceSystem();
        UUID id = at(
                row.receivedAt(),
                () -> intake.report(
                                new ReportDeviation(
                                        row.summary(),
                                        row.description() != null ? row.description() : origin + ".",
                                        row.occurredAt(),
                                        row.noticedAt(),
                                        row.orgUnitId(),
                                        null,
                                        row.category(),
                                        null,
                                        null,
                                        null),
                                null,
                                (d, works) -> d.id)
                        .created());
        Instant triagedAt = row.triagedAt() != null ? row.triagedAt() : row.receivedAt();
        String reason = row.triageReason() != null
                ? row.triageReason()
                : row.category() == DeviationCategory.NOT_A_DEVIATION ? origin + ": inte en avvikelse" : null;
        Deviation triaged = at(triagedAt, () -> triage.triage(id, "*", List.of(row.category()), reason, triagedAt));
        UUID track = triaged.tracks.stream()
                .filter(t -> t.category == row.category())
                .map(t -> t.id)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("triage opened no track of its category"));
        switch (row.category()) {
            case LEX_SARAH, LEX_MARIA -> investigated(row, id, track, triagedAt, origin);
            case PERSONAL_DATA_BREACH -> breach(row, id, track, triagedAt, origin);
            case COMPLAINT -> complaint(row, id, track, triagedAt, origin);
            case OTHER_DEVIATION -> complete(row, id, track, origin);
            case NOT_A_DEVIATION -> {
                // ends at triage: nothing to handle
            }
        }
        if (row.closedAt() != null) {
            String feedback = row.closingFeedback() != null ? row.closingFeedback() : origin + ".";
            at(row.closedAt(), () -> triage.close(id, "*", feedback, row.closedAt()));
        }
        return id;
    }

    private void investigated(ImportRow row, UUID id, UUID track, Instant triagedAt, String origin) {
        assess(row, id, track, triagedAt);
        notify(row, id, track, origin);
        complete(row, id, track, origin);
    }

    private void breach(ImportRow row, UUID id, UUID track, Instant triagedAt, String origin) {
        if (row.breachAwareAt() != null || row.breachAffectedCount() != null || row.dataSubjectsNotifiedAt() != null) {
            Instant when = latest(triagedAt, row.breachAwareAt(), row.dataSubjectsNotifiedAt());
            at(
                    when,
                    () -> breaches.breachDetails(
                            id,
                            track,
                            "*",
                            new BreachDetails(
                                    row.breachAwareAt(),
                                    row.breachAffectedCount(),
                                    null,
                                    row.dataSubjectsNotifiedAt(),
                                    null)));
        }
        assess(row, id, track, triagedAt);
        notify(row, id, track, origin);
        complete(row, id, track, origin);
    }

    private void assess(ImportRow row, UUID id, UUID track, Instant triagedAt) {
        if (row.assessment() == null) {
            return;
        }
        Instant when = row.assessedAt() != null ? row.assessedAt() : triagedAt;
        at(when, () -> investigations.assess(id, track, "*", row.assessment(), row.serious(), when));
    }

    private void notify(ImportRow row, UUID id, UUID track, String origin) {
        Instant sentAt = row.notificationSentAt();
        if (sentAt == null) {
            return;
        }
        at(sentAt, () -> {
            String lateReason = row.notificationLateReason();
            if (lateReason == null && late(track, sentAt)) {
                // the old system may not have kept why; the figure (late) stands either way
                lateReason = origin + "; skälet till förseningen finns där";
            }
            return notifications.notifyAuthority(
                    id,
                    track,
                    new FileNotification(
                            NotificationKind.INITIAL,
                            sentAt,
                            row.notificationReference(),
                            lateReason,
                            origin + ": " + row.summary()));
        });
        if (row.supplementSentAt() != null) {
            at(
                    row.supplementSentAt(),
                    () -> notifications.notifyAuthority(
                            id,
                            track,
                            new FileNotification(
                                    NotificationKind.SUPPLEMENT,
                                    row.supplementSentAt(),
                                    null,
                                    null,
                                    origin + ": komplettering")));
        }
    }

    /** Whether the track's running notification clock is past due at {@code sentAt}. */
    private boolean late(UUID track, Instant sentAt) {
        return NOTIFICATION_CLOCKS.stream()
                .flatMap(kind -> clocks.running(track, kind).stream())
                .anyMatch(c -> sentAt.isAfter(c.dueAt));
    }

    private void complete(ImportRow row, UUID id, UUID track, String origin) {
        if (row.completedAt() == null) {
            return;
        }
        String position = row.position() != null ? row.position() : origin + "; utredningen finns där.";
        at(row.completedAt(), () -> completions.complete(id, track, "*", position, row.completedAt(), true));
    }

    private void complaint(ImportRow row, UUID id, UUID track, Instant triagedAt, String origin) {
        Instant received = row.complaintReceivedAt() != null ? row.complaintReceivedAt() : row.receivedAt();
        at(
                latest(triagedAt, received),
                () -> complaints.register(
                        id,
                        track,
                        "*",
                        new RegisterComplaint(
                                row.complaintKind(),
                                row.complaintSource(),
                                row.complaintChannel(),
                                row.complaintAnonymous(),
                                received)));
        if (row.complaintAnsweredAt() != null) {
            String answer = row.complaintAnswer() != null ? row.complaintAnswer() : origin + "; svaret finns där.";
            at(row.complaintAnsweredAt(), () -> complaints.answer(id, track, "*", row.complaintAnsweredAt(), answer));
        }
        if (row.completedAt() != null) {
            String outcome = row.position() != null ? row.position() : origin + ".";
            at(
                    row.completedAt(),
                    () -> complaints.complete(
                            id, track, "*", new CompleteComplaint(outcome, row.deviationOccurred(), null, null)));
        }
    }

    private static Instant latest(Instant first, Instant... others) {
        Instant latest = first;
        for (Instant o : others) {
            if (o != null && o.isAfter(latest)) {
                latest = o;
            }
        }
        return latest;
    }

    /** Runs a step as of {@code when}. */
    private static <T> T at(Instant when, Supplier<T> step) {
        Object[] result = new Object[1];
        ReplayClock.at(when, () -> result[0] = step.get());
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** The problem with its fields named as the row names them. */
    static ProblemException asRowProblem(ProblemException e) {
        List<Problem.FieldError> errors = e.errors() == null || e.errors().isEmpty()
                ? List.of(new Problem.FieldError("row", e.getMessage() != null ? e.getMessage() : e.title()))
                : e.errors().stream()
                        .map(x -> new Problem.FieldError(ROW_FIELD.getOrDefault(x.field(), x.field()), x.message()))
                        .toList();
        ProblemException mapped = new ProblemException(e.status(), e.slug(), e.title(), e.getMessage(), errors);
        return mapped;
    }
}
