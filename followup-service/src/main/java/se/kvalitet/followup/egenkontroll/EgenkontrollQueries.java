package se.kvalitet.followup.egenkontroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.support.Today;
import se.kvalitet.followup.support.Where;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;

/** Reading plans and occurrences: one (and one the caller may change), filtered pages, a plan's next occurrences. */
@ApplicationScoped
public class EgenkontrollQueries {

    @Inject
    EgenkontrollPlanRepository plans;

    @Inject
    EgenkontrollOccurrenceRepository occurrences;

    @Inject
    FollowupAccess access;

    @Inject
    Today today;

    @Transactional
    public EgenkontrollPlan plan(UUID id) {
        return plans.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Egenkontroll plan " + id));
    }

    @Transactional
    public EgenkontrollPlan writablePlan(UUID id) {
        EgenkontrollPlan p = plan(id);
        access.requireWriteFor(p.orgUnitId);
        return p;
    }

    @Transactional
    public EgenkontrollOccurrence occurrence(UUID id) {
        return occurrences
                .findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Egenkontroll occurrence " + id));
    }

    @Transactional
    public EgenkontrollOccurrence writableOccurrence(UUID id) {
        EgenkontrollOccurrence o = occurrence(id);
        access.requireWriteFor(o.orgUnitId);
        return o;
    }

    /** Filters of the plan list. */
    public record PlanFilter(
            UUID orgUnitId,
            boolean subtree,
            EgenkontrollPlan.Status status,
            UUID routineId,
            UUID riskId,
            Instant updatedSince) {}

    @Transactional
    public Page<EgenkontrollPlan> plans(PlanFilter f, int page, int limit) {
        return new Where()
                .and("orgUnitId in ?", units(f.orgUnitId(), f.subtree()))
                .and("status = ?", f.status())
                .and("? member of routineIds", f.routineId())
                .and("? member of riskIds", f.riskId())
                .and("updatedAt >= ?", f.updatedSince())
                .page(plans, f.updatedSince() != null ? "updatedAt, id" : "title, id", page, limit);
    }

    /** Which occurrences: SCHEDULED, EXECUTED, CANCELLED (now), or OVERDUE (on the asOf day: past due, not done by then). */
    public enum OccurrenceState {
        SCHEDULED,
        EXECUTED,
        CANCELLED,
        OVERDUE
    }

    /** Filters of the occurrence list. */
    public record OccurrenceFilter(
            UUID planId,
            UUID orgUnitId,
            boolean subtree,
            OccurrenceState state,
            LocalDate dueFrom,
            LocalDate dueTo,
            LocalDate asOf,
            Instant updatedSince) {}

    @Transactional
    public Page<EgenkontrollOccurrence> occurrences(OccurrenceFilter f, int page, int limit) {
        EgenkontrollOccurrence.Status status = f.state() == null || f.state() == OccurrenceState.OVERDUE
                ? null
                : EgenkontrollOccurrence.Status.valueOf(f.state().name());
        LocalDate day = f.asOf() == null ? today.date() : f.asOf();
        return new Where()
                .and("planId = ?", f.planId())
                .and("orgUnitId in ?", units(f.orgUnitId(), f.subtree()))
                .and("status = ?", status)
                // EgenkontrollOccurrence.isOverdueOn in JPQL: past due on the day, not executed or cancelled by then
                .andIf(
                        f.state() == OccurrenceState.OVERDUE,
                        "dueOn < ? and (status = ? or executedOn > ? or cancelledOn > ?)",
                        day,
                        EgenkontrollOccurrence.Status.SCHEDULED,
                        day,
                        day)
                .and("dueOn >= ?", f.dueFrom())
                .and("dueOn <= ?", f.dueTo())
                .and("updatedAt >= ?", f.updatedSince())
                .page(occurrences, f.updatedSince() != null ? "updatedAt, id" : "dueOn, id", page, limit);
    }

    @Transactional
    public List<EgenkontrollOccurrence> upcoming(UUID planId, int max) {
        return occurrences
                .find("planId = ?1 and status = ?2 order by dueOn", planId, EgenkontrollOccurrence.Status.SCHEDULED)
                .page(0, max)
                .list();
    }

    /** {@code unit} and, with {@code subtree}, every unit below it; null without a unit. */
    private Set<UUID> units(UUID unit, boolean subtree) {
        if (unit == null) {
            return null;
        }
        Set<UUID> units = new HashSet<>(List.of(unit));
        if (subtree) {
            units.addAll(access.tree().descendants(unit));
        }
        return units;
    }
}
