package se.kvalitet.followup.goal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.criterion.QualityCriterionRepository;
import se.kvalitet.followup.domain.Enums.GoalLevel;
import se.kvalitet.followup.goal.GoalCommands.GoalCommand;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.followup.support.Today;
import se.kvalitet.followup.support.Where;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Goals (mål): overarching goals (övergripande mål) → board goals (nämndmål, strategiska mål) →
 * operational goals of units (verksamhetsmål). Seed 000: "Social- och äldrenämnden beslutar om
 * mål och nyckeltal"; each unit manager "har ansvar för att bryta ner målen till operativa mål",
 * so unit managers write the operational goals of their units, the quality team everything.
 */
@ApplicationScoped
public class GoalService {

    @Inject
    GoalRepository goals;

    @Inject
    QualityCriterionRepository criteria;

    @Inject
    FollowupAccess access;

    @Inject
    Today today;

    @Transactional
    public Goal create(GoalCommand r) {
        requireWrite(r.level(), r.orgUnitId());
        Goal g = new Goal();
        g.id = UUID.randomUUID();
        g.createdAt = today.now();
        apply(g, r);
        goals.persist(g);
        return g;
    }

    /** Object-level check before the body is judged: may the caller change this goal at all? */
    @Transactional
    public Goal requireWritable(UUID id) {
        Goal g = get(id);
        requireWrite(g.level, g.orgUnitId);
        return g;
    }

    @Transactional
    public Goal replace(UUID id, String ifMatch, GoalCommand r) {
        Goal g = get(id);
        requireWrite(g.level, g.orgUnitId);
        ETags.requireMatch(ifMatch, g.version);
        requireWrite(r.level(), r.orgUnitId());
        if (r.level() != g.level && goals.count("parentId", id) > 0) {
            throw ProblemException.conflict("goal-has-children", "A goal that others break down keeps its level")
                    .with("currentLevel", g.level.name());
        }
        apply(g, r);
        goals.flush();
        return g;
    }

    @Transactional
    public Goal get(UUID id) {
        return goals.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Goal " + id));
    }

    /** Filters of the goal list. */
    public record Filter(GoalLevel level, UUID orgUnitId, UUID parentId, Integer year, Instant updatedSince) {}

    @Transactional
    public Page<Goal> list(Filter f, int page, int limit) {
        return new Where()
                .and("level = ?", f.level())
                .and("orgUnitId = ?", f.orgUnitId())
                .and("parentId = ?", f.parentId())
                .and("(validFrom is null or validFrom <= ?) and (validTo is null or validTo >= ?)", f.year(), f.year())
                .and("updatedAt >= ?", f.updatedSince())
                .page(goals, f.updatedSince() != null ? "updatedAt, id" : "level, title, id", page, limit);
    }

    private void requireWrite(GoalLevel level, UUID unit) {
        if (access.isCentral()) {
            return;
        }
        if (level != GoalLevel.OPERATIONAL || unit == null) {
            throw ProblemException.forbidden("Overarching and board goals are set by the quality team");
        }
        access.requireWriteFor(unit);
    }

    private void apply(Goal g, GoalCommand r) {
        new TextGuard()
                .text("title", r.title())
                .text("description", r.description())
                .done();
        access.requireKnownUnit("orgUnitId", r.orgUnitId());
        if (r.validFrom() != null && r.validTo() != null && r.validTo() < r.validFrom()) {
            throw ProblemException.invalidField("validTo", "ends before it starts");
        }
        if (r.criterionCode() != null
                && criteria.findByIdOptional(r.criterionCode()).isEmpty()) {
            throw ReferenceProblems.unknown("criterionCode", "no such quality criterion");
        }
        Goal parent = parent(g, r.parentId());
        requireLevelFits(r, parent);
        g.level = r.level();
        g.parentId = r.parentId();
        g.orgUnitId = r.orgUnitId();
        g.title = r.title().strip();
        g.description = r.description();
        g.criterionCode = r.criterionCode();
        g.validFrom = r.validFrom();
        g.validTo = r.validTo();
        g.updatedAt = today.now();
    }

    /** The goal {@code parentId} names (null for none); 422 when unknown, 400 when it is {@code g} or below it. */
    private Goal parent(Goal g, UUID parentId) {
        if (parentId == null) {
            return null;
        }
        Goal parent = goals.findByIdOptional(parentId)
                .orElseThrow(() -> ReferenceProblems.unknown("parentId", "no such goal"));
        // no cycles: the new parent must not be this goal or below it
        Set<UUID> seen = new HashSet<>();
        for (Goal p = parent; p != null && seen.add(p.id); p = p.parentId == null ? null : goals.findById(p.parentId)) {
            if (p.id.equals(g.id)) {
                throw ProblemException.invalidField("parentId", "a goal cannot break down itself or a goal below it");
            }
        }
        return parent;
    }

    /** Overarching → board → operational: the parent each level may have (operational: of its own unit or above). */
    private void requireLevelFits(GoalCommand r, Goal parent) {
        switch (r.level()) {
            case OVERARCHING -> {
                if (parent != null) {
                    throw ProblemException.invalidField("parentId", "an overarching goal has no parent");
                }
            }
            case BOARD -> {
                if (parent != null && parent.level != GoalLevel.OVERARCHING) {
                    throw ProblemException.invalidField("parentId", "a board goal breaks down an overarching goal");
                }
            }
            case OPERATIONAL -> {
                if (r.orgUnitId() == null) {
                    throw ProblemException.invalidField("orgUnitId", "an operational goal belongs to a unit");
                }
                if (parent == null) {
                    throw ProblemException.invalidField(
                            "parentId", "an operational goal breaks down a board goal or another operational goal");
                }
                if (parent.level == GoalLevel.OVERARCHING) {
                    throw ProblemException.invalidField(
                            "parentId", "an operational goal breaks down a board goal, not an overarching one");
                }
                if (parent.level == GoalLevel.OPERATIONAL
                        && parent.orgUnitId != null
                        && !access.tree().within(r.orgUnitId(), Set.of(parent.orgUnitId))) {
                    throw ProblemException.invalidField(
                            "parentId", "an operational goal breaks down a goal of its own unit or a unit above it");
                }
            }
        }
    }
}
