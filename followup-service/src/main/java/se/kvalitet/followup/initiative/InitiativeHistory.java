package se.kvalitet.followup.initiative;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.followup.history.HistoryImport;
import se.kvalitet.followup.history.HistoryKind;
import se.kvalitet.followup.history.HistoryOutbox;
import se.kvalitet.followup.history.RowFields;
import se.kvalitet.followup.initiative.InitiativeCommands.InitiativeCommand;
import se.kvalitet.followup.initiative.QualityInitiative.Origin;
import se.kvalitet.followup.initiative.QualityInitiative.Status;
import se.kvalitet.followup.support.Today;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;

/**
 * Past quality initiatives as rows of the history import (issue 16 item 1): one row = one initiative of the quality
 * plan with its real dates (recorded, started, closed, effect checked), deadline, unit, origin and status. A row is
 * checked by the live checks ({@link InitiativeService#check}) and the live API's rules for its dates, and replayed
 * through the initiative's own transitions at those dates: created, started on {@code startedOn}, and, when it
 * passed its deadline open, the scheduler's {@code initiative.overdue} at the day after the deadline
 * ({@link HistoryOutbox}: not mailed as news), closed on {@code closedOn} with {@code initiative.completed} (on time
 * from {@code closedOn} and the deadline), the effect checked on {@code effectCheckedOn}. Tasks are not a field (a
 * row is flat; add them with PUT).
 */
@ApplicationScoped
public class InitiativeHistory implements HistoryKind<InitiativeHistory.Row> {

    public static final String KIND = "QUALITY_INITIATIVE";

    static final List<String> FIELDS = List.of(
            "orgUnitId",
            "title",
            "description",
            "responsible",
            "deadline",
            "support",
            "origin",
            "originRef",
            "indicatorId",
            "status",
            "createdOn",
            "startedOn",
            "closedOn",
            "effect",
            "effective",
            "effectCheckedOn");

    private static final Set<String> CLOSING = Set.of("closedOn", "effect", "effective", "effectCheckedOn");

    @Inject
    InitiativeService service;

    @Inject
    QualityInitiativeRepository initiatives;

    @Inject
    Outbox outbox;

    @Inject
    HistoryOutbox history;

    @Inject
    Today today;

    /** A checked row. */
    public record Row(
            InitiativeCommand command,
            Status status,
            LocalDate createdOn,
            LocalDate startedOn,
            LocalDate closedOn,
            String effect,
            Boolean effective,
            LocalDate effectCheckedOn) {}

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
        UUID unit = f.uuid("orgUnitId", true);
        String title = f.text("title", 300, true);
        String description = f.text("description", 4000, false);
        String responsible = f.text("responsible", 200, true);
        LocalDate deadline = f.date("deadline", false);
        String support = f.text("support", 1000, false);
        Origin origin = f.enumOf("origin", Origin.class, true);
        UUID originRef = f.uuid("originRef", false);
        UUID indicator = f.uuid("indicatorId", false);
        Status status = f.enumOf("status", Status.class, true);
        LocalDate createdOn = f.date("createdOn", false);
        LocalDate startedOn = f.date("startedOn", false);
        LocalDate closedOn = f.date("closedOn", false);
        String effect = f.text("effect", 4000, false);
        Boolean effective = f.bool("effective", false);
        LocalDate checkedOn = f.date("effectCheckedOn", false);
        if (status == Status.NOT_STARTED) {
            f.notFor(Set.of("startedOn"), "a NOT_STARTED initiative");
        }
        if (status == Status.NOT_STARTED || status == Status.ONGOING) {
            f.notFor(CLOSING, "an open (" + status + ") initiative");
        }
        if (status == Status.ONGOING && startedOn == null) {
            f.errorOnce("startedOn", "required for an ONGOING initiative");
        }
        if ((status == Status.DONE || status == Status.NOT_DONE) && closedOn == null) {
            f.errorOnce("closedOn", "required for a closed (" + status + ") initiative");
        }
        if (effective != null && checkedOn == null) {
            f.errorOnce("effectCheckedOn", "required with effective");
        }
        if (checkedOn != null && effective == null) {
            f.errorOnce("effective", "required with effectCheckedOn");
        }
        // as the live API: a step happened on a day that has been, in order
        LocalDate day = today.date();
        f.notFuture("createdOn", createdOn, day);
        f.notFuture("startedOn", startedOn, day);
        f.notFuture("closedOn", closedOn, day);
        f.notFuture("effectCheckedOn", checkedOn, day);
        f.notBefore("closedOn", closedOn, "startedOn", startedOn);
        f.notBefore("effectCheckedOn", checkedOn, "closedOn", closedOn);
        if (!f.ok()) {
            return null;
        }
        InitiativeCommand command = new InitiativeCommand(
                unit, title, description, responsible, deadline, support, origin, originRef, indicator, List.of());
        try {
            service.check(command, true);
        } catch (ProblemException e) {
            if (e.errors() == null || e.errors().isEmpty()) {
                f.error("row", e.getMessage());
            } else {
                e.errors().forEach(err -> f.error(err.field(), err.message()));
            }
            return null;
        }
        return new Row(command, status, createdOn, startedOn, closedOn, effect, effective, checkedOn);
    }

    @Override
    public String digest(Row r) {
        InitiativeCommand c = r.command();
        return HistoryImport.digest(
                c.orgUnitId(),
                c.title(),
                c.description(),
                c.responsible(),
                c.deadline(),
                c.support(),
                c.origin(),
                c.originRef(),
                c.indicatorId(),
                r.status(),
                r.createdOn(),
                r.startedOn(),
                r.closedOn(),
                r.effect(),
                r.effective(),
                r.effectCheckedOn());
    }

    /** An initiative has no natural key here: its reference is its identity. */
    @Override
    public List<FieldError> clash(Row row) {
        return List.of();
    }

    @Override
    public UUID store(Row r, Provenance p) {
        QualityInitiative i = new QualityInitiative();
        i.id = UUID.randomUUID();
        i.status = Status.NOT_STARTED;
        service.assign(i, r.command());
        // recorded in the old system on createdOn; else on the first day it tells of, else today
        LocalDate created = firstOf(r.createdOn(), r.startedOn(), r.closedOn(), today.date());
        i.createdAt = created.atStartOfDay(today.zone()).toInstant();
        i.updatedAt = p.now();
        i.sourceSystem = p.sourceSystem();
        i.sourceId = p.sourceId();
        i.importRunId = p.importRunId();
        initiatives.persist(i);
        if (r.startedOn() != null) {
            i.start(r.startedOn(), p.now());
        }
        // the scheduler's notice, when the initiative was overdue on the day after its deadline (QualityInitiative
        // .isOverdueOn: closed later than that day, or open now and past it), sent as of that day
        LocalDate dayAfter = i.deadline == null ? null : i.deadline.plusDays(1);
        boolean wasOverdue = dayAfter != null
                && (r.closedOn() != null ? r.closedOn().isAfter(dayAfter) : !dayAfter.isAfter(today.date()));
        if (wasOverdue) {
            InitiativeOverdueV1 overdue = i.markOverdueIfDue(dayAfter, p.now());
            if (overdue != null) {
                history.publishOn(overdue, dayAfter, today.zone());
            }
        }
        if (r.status() == Status.DONE || r.status() == Status.NOT_DONE) {
            outbox.publish(i.close(r.status(), r.effect(), r.closedOn(), p.now()));
            if (r.effective() != null) {
                i.checkEffect(r.effective(), null, r.effectCheckedOn(), p.now());
            }
        }
        i.updatedAt = p.now();
        return i.id;
    }

    private static LocalDate firstOf(LocalDate... days) {
        for (LocalDate d : days) {
            if (d != null) {
                return d;
            }
        }
        throw new IllegalArgumentException("no day");
    }
}
