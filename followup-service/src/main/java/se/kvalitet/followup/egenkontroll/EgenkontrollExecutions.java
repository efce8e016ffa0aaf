package se.kvalitet.followup.egenkontroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.egenkontroll.EgenkontrollCommands.ExecutionCommand;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.followup.support.Today;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;

/** Carrying out an occurrence ({@code egenkontroll.executed}, through the outbox) or cancelling it. */
@ApplicationScoped
public class EgenkontrollExecutions {

    @Inject
    EgenkontrollOccurrenceRepository occurrences;

    @Inject
    FollowupAccess access;

    @Inject
    Outbox outbox;

    @Inject
    Today today;

    @Inject
    EgenkontrollQueries queries;

    @Transactional
    public EgenkontrollOccurrence execute(UUID id, String ifMatch, ExecutionCommand r) {
        EgenkontrollOccurrence o = queries.writableOccurrence(id);
        ETags.requireMatch(ifMatch, o.version);
        if (r.executedOn().isAfter(today.date())) {
            throw ProblemException.invalidField("executedOn", "must not be in the future");
        }
        // carried out as it happened (a past schedule recorded now), but within the period this occurrence
        // covers: from its due day one interval back (an earlier day is the previous occurrence's work)
        int months = queries.plan(o.planId).frequency.months();
        LocalDate periodStart = o.dueOn.minusMonths(months > 0 ? months : 12);
        if (r.executedOn().isBefore(periodStart)) {
            throw ProblemException.invalidField(
                    "executedOn", "must not be before the period this egenkontroll covers (" + periodStart + ")");
        }
        new TextGuard()
                .text("findings", r.findings())
                .text("followUpActions", r.followUpActions())
                .done();
        int actions = r.actionCount() != null ? r.actionCount() : 0;
        outbox.publish(o.execute(
                r.executedOn(),
                r.sampleSize(),
                r.findings(),
                r.result(),
                r.deviationsFound(),
                r.followUpActions(),
                actions,
                access.who(),
                today.now()));
        occurrences.flush();
        return o;
    }

    @Transactional
    public EgenkontrollOccurrence cancel(UUID id, String ifMatch, String reason) {
        EgenkontrollOccurrence o = queries.writableOccurrence(id);
        ETags.requireMatch(ifMatch, o.version);
        new TextGuard().text("reason", reason).done();
        o.cancel(reason.strip(), today.date(), today.now());
        occurrences.flush();
        return o;
    }
}
