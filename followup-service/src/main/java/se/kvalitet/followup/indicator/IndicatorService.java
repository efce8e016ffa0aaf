package se.kvalitet.followup.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Hibernate;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.criterion.QualityCriterion;
import se.kvalitet.followup.criterion.QualityCriterionRepository;
import se.kvalitet.followup.domain.Enums.DerivedMetric;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.domain.Target;
import se.kvalitet.followup.goal.GoalRepository;
import se.kvalitet.followup.indicator.IndicatorCommands.CriterionCommand;
import se.kvalitet.followup.indicator.IndicatorCommands.IndicatorCommand;
import se.kvalitet.followup.indicator.IndicatorCommands.TargetCommand;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.followup.support.Where;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Page;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/** Indicators (nyckeltal) and their målvärden: one use case per method, each one transaction. */
@ApplicationScoped
public class IndicatorService {

    @Inject
    IndicatorRepository indicators;

    @Inject
    QualityCriterionRepository criteria;

    @Inject
    GoalRepository goals;

    @Inject
    FollowupAccess access;

    @Inject
    Clock clock;

    @Inject
    IndicatorChanges events;

    @Transactional
    public Indicator create(IndicatorCommand r) {
        if (indicators.find("code", r.code()).firstResultOptional().isPresent()) {
            throw ProblemException.conflict("indicator-code-taken", "An indicator with this code exists")
                    .with("code", r.code());
        }
        Indicator i = new Indicator();
        i.id = UUID.randomUUID();
        i.createdAt = clock.instant();
        apply(i, r);
        indicators.persist(i);
        indicators.flush();
        events.changed(i);
        return i;
    }

    @Transactional
    public Indicator replace(UUID id, String ifMatch, IndicatorCommand r) {
        Indicator i = get(id);
        ETags.requireMatch(ifMatch, i.version);
        Optional<Indicator> sameCode = indicators.find("code", r.code()).firstResultOptional();
        if (sameCode.isPresent() && !sameCode.get().id.equals(id)) {
            throw ProblemException.conflict("indicator-code-taken", "Another indicator has this code")
                    .with("code", r.code());
        }
        // targets are replaced as a whole; delete first so a kept validity date does not collide
        i.targets.clear();
        indicators.flush();
        apply(i, r);
        indicators.flush();
        // a new snapshot, and every cell whose evaluation the new målvärden, decimals or threshold change
        events.replaced(i);
        return i;
    }

    @Transactional
    public Indicator get(UUID id) {
        return indicators.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Indicator " + id));
    }

    @Transactional
    public Page<Indicator> list(Instant updatedSince, String criterion, int page, int limit) {
        return new Where()
                .and("updatedAt >= ?", updatedSince)
                .and("criterionCode = ?", criterion)
                .page(indicators, "code, id", page, limit);
    }

    /** Every indicator (of one criterion), by code, with its målvärden loaded. */
    @Transactional
    public List<Indicator> all(String criterion) {
        List<Indicator> list = criterion == null
                ? indicators.list("order by code, id")
                : indicators.list("criterionCode = ?1 order by code, id", criterion);
        list.forEach(i -> Hibernate.initialize(i.targets));
        return list;
    }

    /**
     * The indicators with these ids (of one criterion, if given), by code, with their målvärden loaded: a read of
     * the ids asked for through the primary key, so its cost does not grow with the number of indicators. An id
     * that is not there (or not of the criterion) is simply not in the list.
     */
    @Transactional
    public List<Indicator> byIds(List<UUID> ids, String criterion) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Indicator> list = criterion == null
                ? indicators.list("id in ?1 order by code, id", ids)
                : indicators.list("id in ?1 and criterionCode = ?2 order by code, id", ids, criterion);
        list.forEach(i -> Hibernate.initialize(i.targets));
        return list;
    }

    @Transactional
    public List<QualityCriterion> criteria() {
        return criteria.list("order by sortOrder, code");
    }

    @Transactional
    public QualityCriterion createCriterion(CriterionCommand r) {
        if (criteria.findByIdOptional(r.code()).isPresent()) {
            throw ProblemException.conflict("criterion-code-taken", "A quality criterion with this code exists")
                    .with("code", r.code());
        }
        QualityCriterion c = new QualityCriterion();
        c.code = r.code();
        applyCriterion(c, r);
        criteria.persist(c);
        return c;
    }

    @Transactional
    public QualityCriterion replaceCriterion(String code, String ifMatch, CriterionCommand r) {
        QualityCriterion c = criteria.findByIdOptional(code)
                .orElseThrow(() -> ProblemException.notFound("Quality criterion " + code));
        ETags.requireMatch(ifMatch, c.version);
        if (!code.equals(r.code())) {
            throw ProblemException.invalidField("code", "the code of a quality criterion cannot change");
        }
        String before = c.nameSv;
        applyCriterion(c, r);
        criteria.flush();
        if (!c.nameSv.equals(before)) {
            events.criterionRenamed(code); // the indicators' snapshots carry the criterion's name
        }
        return c;
    }

    private void applyCriterion(QualityCriterion c, CriterionCommand r) {
        new TextGuard().text("description", r.description()).done();
        c.nameSv = r.nameSv().strip();
        c.nameEn = r.nameEn().strip();
        c.description = r.description();
        c.sortOrder = r.sortOrder();
        c.active = r.active();
        c.updatedAt = clock.instant();
    }

    private void apply(Indicator i, IndicatorCommand r) {
        new TextGuard()
                .text("name", r.name())
                .text("description", r.description())
                .done();
        QualityCriterion c = criteria.findByIdOptional(r.criterionCode())
                .orElseThrow(() -> ReferenceProblems.unknown("criterionCode", "no such quality criterion"));
        if (!c.active) {
            throw ReferenceProblems.unknown("criterionCode", "the quality criterion is no longer in use");
        }
        if (r.goalId() != null && goals.findByIdOptional(r.goalId()).isEmpty()) {
            throw ReferenceProblems.unknown("goalId", "no such goal");
        }
        access.requireKnownUnit("responsibleOrgUnitId", r.responsibleOrgUnitId());
        requireDerivedFits(r);
        List<IndicatorTarget> targets = targets(i, r.targets());
        targets.sort(java.util.Comparator.comparing(t -> t.validFrom));
        i.code = r.code();
        i.name = r.name().strip();
        i.description = r.description();
        i.criterionCode = r.criterionCode();
        i.goalId = r.goalId();
        i.unitOfMeasure = r.unitOfMeasure();
        i.method = r.method();
        i.frequency = r.frequency();
        i.responsibleRole = r.responsibleRole();
        i.responsibleOrgUnitId = r.responsibleOrgUnitId();
        i.decimals = r.decimals();
        i.genderSplit = r.genderSplit();
        i.koladaKpi = r.koladaKpi() == null || r.koladaKpi().isBlank()
                ? null
                : r.koladaKpi().strip();
        i.minResponses = r.minResponses();
        i.derivedMetric = r.derivedMetric();
        i.derivedCategory = r.derivedCategory();
        i.targets.addAll(targets);
        i.updatedAt = clock.instant();
    }

    /** A derived indicator names a metric of its unit of measure, without gender; other methods name none. */
    private static void requireDerivedFits(IndicatorCommand r) {
        if (r.method() == Method.DERIVED_FROM_EVENTS) {
            if (r.derivedMetric() == null) {
                throw ProblemException.invalidField(
                        "derivedMetric", "an indicator derived from events names its metric");
            }
            if (r.derivedMetric().unit != r.unitOfMeasure()) {
                throw ProblemException.invalidField(
                        "unitOfMeasure", r.derivedMetric() + " is measured in " + r.derivedMetric().unit);
            }
            if (r.genderSplit()) {
                throw ProblemException.invalidField("genderSplit", "deviation events carry no gender");
            }
        } else if (r.derivedMetric() != null) {
            throw ProblemException.invalidField("derivedMetric", "only for method DERIVED_FROM_EVENTS");
        }
        if (r.derivedCategory() != null && r.derivedMetric() != DerivedMetric.DEVIATION_COUNT) {
            throw ProblemException.invalidField("derivedCategory", "only for DEVIATION_COUNT");
        }
    }

    /** The målvärden asked for, each valid and starting on its own day; 400 naming every invalid one. */
    private List<IndicatorTarget> targets(Indicator i, List<TargetCommand> commands) {
        List<IndicatorTarget> targets = new ArrayList<>();
        Set<java.time.LocalDate> starts = new HashSet<>();
        List<TargetCommand> requested = commands == null ? List.of() : commands;
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int n = 0; n < requested.size(); n++) {
            TargetCommand t = requested.get(n);
            Period p;
            try {
                p = Period.parse(t.validFromPeriod());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("targets[" + n + "].validFromPeriod", e.getMessage()));
                continue;
            }
            try {
                new Target(t.comparator(), t.value(), t.upper());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("targets[" + n + "]", e.getMessage()));
                continue;
            }
            if (!starts.add(p.start())) {
                errors.add(new Problem.FieldError(
                        "targets[" + n + "].validFromPeriod", "two målvärden start on " + p.start()));
                continue;
            }
            IndicatorTarget it = new IndicatorTarget();
            it.id = UUID.randomUUID();
            it.indicator = i;
            it.validFromPeriod = p.code();
            it.validFrom = p.start();
            it.comparator = t.comparator();
            it.targetValue = t.value();
            it.targetUpper = t.upper();
            it.createdAt = clock.instant();
            targets.add(it);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-targets", "Some målvärden are invalid", errors);
        }
        return targets;
    }
}
