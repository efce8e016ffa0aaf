package se.kvalitet.followup.egenkontroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.followup.domain.Enums.EgenkontrollResult;
import se.kvalitet.followup.history.HistoryImport;
import se.kvalitet.followup.history.HistoryKind;
import se.kvalitet.followup.history.HistoryOutbox;
import se.kvalitet.followup.history.RowFields;
import se.kvalitet.followup.support.Today;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Problem.FieldError;

/**
 * Past egenkontroll occurrences as rows of the history import (issue 16 item 1): one row = one occurrence of a plan
 * here (created with POST egenkontroll-plans, retired or not) with its due day and what became of it: carried out
 * on {@code executedOn} with its result (as POST …/execution takes it), cancelled on {@code cancelledOn}, or neither
 * (still scheduled). Checked by the live execution's rules (not in the future, not before the period it covers) and
 * replayed through the occurrence's own transitions: scheduled; when it was overdue on the day after its due day, the
 * scheduler's {@code egenkontroll.overdue} as of that day ({@link HistoryOutbox}: not mailed as news); then
 * {@code egenkontroll.executed} with the real day, or the cancellation with its day.
 */
@ApplicationScoped
public class EgenkontrollHistory implements HistoryKind<EgenkontrollHistory.Row> {

    public static final String KIND = "EGENKONTROLL_OCCURRENCE";

    static final List<String> FIELDS = List.of(
            "planId",
            "dueOn",
            "executedOn",
            "result",
            "sampleSize",
            "findings",
            "deviationsFound",
            "followUpActions",
            "actionCount",
            "cancelledOn",
            "cancelReason");

    private static final Set<String> EXECUTION =
            Set.of("result", "sampleSize", "findings", "deviationsFound", "followUpActions", "actionCount");

    @Inject
    EgenkontrollPlanRepository plans;

    @Inject
    EgenkontrollOccurrenceRepository occurrences;

    @Inject
    EgenkontrollSchedule schedule;

    @Inject
    Outbox outbox;

    @Inject
    HistoryOutbox history;

    @Inject
    Today today;

    /** A checked row. */
    public record Row(
            EgenkontrollPlan plan,
            LocalDate dueOn,
            LocalDate executedOn,
            EgenkontrollResult result,
            Integer sampleSize,
            String findings,
            Integer deviationsFound,
            String followUpActions,
            Integer actionCount,
            LocalDate cancelledOn,
            String cancelReason) {}

    @Override
    public String name() {
        return KIND;
    }

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public Row check(RowFields f) {
        UUID planId = f.uuid("planId", true);
        LocalDate dueOn = f.date("dueOn", true);
        LocalDate executedOn = f.date("executedOn", false);
        EgenkontrollResult result = f.enumOf("result", EgenkontrollResult.class, false);
        Integer sample = f.integer("sampleSize", 0, 1_000_000, false);
        String findings = f.text("findings", 4000, false);
        Integer deviations = f.integer("deviationsFound", 0, 1_000_000, false);
        String actions = f.text("followUpActions", 4000, false);
        Integer actionCount = f.integer("actionCount", 0, 10_000, false);
        LocalDate cancelledOn = f.date("cancelledOn", false);
        String reason = f.text("cancelReason", 1000, false);
        if (executedOn == null && !f.has("executedOn")) {
            f.notFor(EXECUTION, "an occurrence that was not carried out (no executedOn)");
        }
        if (cancelledOn == null && !f.has("cancelledOn")) {
            f.notFor(Set.of("cancelReason"), "an occurrence that was not cancelled (no cancelledOn)");
        }
        if (executedOn != null) {
            if (result == null) {
                f.errorOnce("result", "required with executedOn");
            }
            if (deviations == null) {
                f.errorOnce("deviationsFound", "required with executedOn");
            }
            if (f.has("cancelledOn")) {
                f.error("cancelledOn", "an occurrence that was carried out was not cancelled");
            }
        }
        if (cancelledOn != null && reason == null) {
            f.errorOnce("cancelReason", "required with cancelledOn");
        }
        LocalDate day = today.date();
        f.notFuture("executedOn", executedOn, day);
        f.notFuture("cancelledOn", cancelledOn, day);
        Optional<EgenkontrollPlan> plan = planId == null ? Optional.empty() : plans.findByIdOptional(planId);
        if (planId != null && plan.isEmpty()) {
            f.error("planId", "no such egenkontroll plan");
        }
        if (plan.isPresent() && dueOn != null && executedOn != null) {
            // the live execution's rule: within the period this occurrence covers, its due day one interval back
            int months = plan.get().frequency.months();
            LocalDate periodStart = dueOn.minusMonths(months > 0 ? months : 12);
            if (executedOn.isBefore(periodStart)) {
                f.error("executedOn", "must not be before the period this egenkontroll covers (" + periodStart + ")");
            }
        }
        if (!f.ok()) {
            return null;
        }
        return new Row(
                plan.get(),
                dueOn,
                executedOn,
                result,
                sample,
                findings,
                deviations,
                actions,
                actionCount,
                cancelledOn,
                reason);
    }

    @Override
    public String digest(Row r) {
        return HistoryImport.digest(
                r.plan().id,
                r.dueOn(),
                r.executedOn(),
                r.result(),
                r.sampleSize(),
                r.findings(),
                r.deviationsFound(),
                r.followUpActions(),
                r.actionCount(),
                r.cancelledOn(),
                r.cancelReason());
    }

    @Override
    public String sameKey(Row r) {
        return r.plan().id + "|" + r.dueOn();
    }

    @Override
    public FieldError sameAs(int earlierRow) {
        return new FieldError("dueOn", "the same plan and due day as row " + earlierRow);
    }

    /** A plan has one occurrence a day (egenkontroll_occurrence_once): an import never overwrites one. */
    @Override
    public List<FieldError> clash(Row r) {
        return occurrences
                .find("planId = ?1 and dueOn = ?2", r.plan().id, r.dueOn())
                .firstResultOptional()
                .map(o -> List.of(new FieldError(
                        "dueOn",
                        "the plan has an egenkontroll due that day already (" + o.id
                                + "); an import does not overwrite it")))
                .orElse(List.of());
    }

    @Override
    public UUID store(Row r, Provenance p) {
        EgenkontrollOccurrence o = schedule.occurrence(r.plan(), r.dueOn());
        o.createdAt = p.now();
        o.updatedAt = p.now();
        o.sourceSystem = p.sourceSystem();
        o.sourceId = p.sourceId();
        o.importRunId = p.importRunId();
        occurrences.persist(o);
        // the scheduler's notice, when it was overdue on the day after its due day (EgenkontrollOccurrence
        // .isOverdueOn: carried out or cancelled later than that day, or neither and that day has come)
        LocalDate dayAfter = r.dueOn().plusDays(1);
        LocalDate done = r.executedOn() != null ? r.executedOn() : r.cancelledOn();
        boolean wasOverdue = done != null ? done.isAfter(dayAfter) : !dayAfter.isAfter(today.date());
        if (wasOverdue) {
            EgenkontrollOverdueV1 overdue = o.markOverdueIfDue(dayAfter, p.now());
            if (overdue != null) {
                history.publishOn(overdue, dayAfter, today.zone());
            }
        }
        if (r.executedOn() != null) {
            outbox.publish(o.execute(
                    r.executedOn(),
                    r.sampleSize(),
                    r.findings(),
                    r.result(),
                    r.deviationsFound(),
                    r.followUpActions(),
                    r.actionCount() != null ? r.actionCount() : 0,
                    p.importedBy(),
                    p.now()));
        } else if (r.cancelledOn() != null) {
            o.cancel(r.cancelReason(), r.cancelledOn(), p.now());
        }
        return o.id;
    }
}
