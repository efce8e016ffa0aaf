package se.kvalitet.followup.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Enums.Status;
import se.kvalitet.followup.domain.Enums.Trend;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;
import se.kvalitet.orgcopy.OrgTree;

/**
 * Evaluation against a målvärde (SOSFS 2011:9 4 kap 6 §), pure and exact. A unit's figure for a
 * period is its own measurement when it has one with data, otherwise the roll-up of its children's
 * figures from their parts ({@link Rollup}: numerators/denominators for shares, response-weighted
 * sums for scales, sums for counts), so a department's share is never an average of its units'
 * percentages and nothing is counted twice. "At least N per group" rolls up as the smallest group.
 */
public final class Evaluator {

    private Evaluator() {}

    /** What the indicator says about evaluation. */
    public record Spec(UnitOfMeasure unit, int decimals, Integer minResponses) {}

    /** A unit's own measurement for one period and gender. */
    public record Own(
            BigDecimal value, BigDecimal numerator, BigDecimal denominator, Long responses, MissingReason missing) {

        public static Own missing(MissingReason reason, Long responses) {
            return new Own(null, null, null, responses, reason);
        }
    }

    /** Where a figure comes from. */
    public enum Basis {
        /** the unit's own measurement */
        MEASURED,
        /** combined from the units below it */
        ROLLED_UP,
        /** computed from deviation events */
        DERIVED,
        /** no data */
        NONE
    }

    /**
     * A unit's figure before comparison: the unrounded value with the parts it came from, how many
     * units' own measurements it combines and how many were left out (no parts to weigh them by).
     */
    public record Figure(
            Basis basis,
            BigDecimal value,
            BigDecimal numerator,
            BigDecimal denominator,
            Long responses,
            int contributingUnits,
            int excludedUnits,
            MissingReason missing) {

        public boolean hasData() {
            return value != null;
        }

        static Figure none(MissingReason missing, int excluded) {
            return new Figure(Basis.NONE, null, null, null, null, 0, excluded, missing);
        }

        Rollup.Input input() {
            return new Rollup.Input(null, value, numerator, denominator, responses);
        }
    }

    /** The evaluation of one figure against its target, with the trend against the previous period. */
    public record Result(
            Status status,
            BigDecimal value,
            MissingReason missing,
            BigDecimal distance,
            BigDecimal previousValue,
            Trend trend,
            BigDecimal change) {}

    /** The figure of one own measurement (null when there is none). */
    public static Figure figure(Spec spec, Own own) {
        if (own == null) {
            return null;
        }
        BigDecimal v = Rollup.valueOf(spec.unit(), own.value(), own.numerator(), own.denominator());
        if (v == null) {
            return Figure.none(own.missing(), 0);
        }
        return new Figure(Basis.MEASURED, v, own.numerator(), own.denominator(), own.responses(), 1, 0, null);
    }

    /** Women and men recorded without a total: the total is their combination, exact from the parts. */
    public static Own total(Spec spec, Own women, Own men) {
        if (women == null || men == null) {
            return null;
        }
        Rollup.Input k =
                new Rollup.Input(null, women.value(), women.numerator(), women.denominator(), women.responses());
        Rollup.Input m = new Rollup.Input(null, men.value(), men.numerator(), men.denominator(), men.responses());
        if (!Rollup.usable(spec.unit(), k) || !Rollup.usable(spec.unit(), m)) {
            return null;
        }
        Rollup.Result r = Rollup.of(spec.unit(), List.of(k, m));
        return new Own(r.numerator() == null ? r.value() : null, r.numerator(), r.denominator(), r.responses(), null);
    }

    /**
     * The figure of every unit of the tree, and of units with measurements the tree does not know
     * (taken as roots), for one period.
     *
     * @param perGroup whether the målvärde is "at least N per group": a roll-up is then the smallest group
     */
    public static Map<UUID, Figure> figures(Spec spec, boolean perGroup, OrgTree tree, Map<UUID, Own> own) {
        Map<UUID, Figure> out = new HashMap<>();
        Set<UUID> all = new LinkedHashSet<>(tree.units());
        all.addAll(own.keySet());
        for (UUID u : all) {
            compute(spec, perGroup, tree, own, u, out, new HashSet<>());
        }
        return out;
    }

    private static Figure compute(
            Spec spec,
            boolean perGroup,
            OrgTree tree,
            Map<UUID, Own> own,
            UUID unit,
            Map<UUID, Figure> out,
            Set<UUID> visiting) {
        Figure done = out.get(unit);
        if (done != null) {
            return done;
        }
        if (!visiting.add(unit)) {
            return Figure.none(null, 0); // a cycle in the copy of the tree: cut it
        }
        Figure mine = figure(spec, own.get(unit));
        Figure result;
        if (mine != null && mine.hasData()) {
            result = mine;
        } else {
            List<Figure> parts = new ArrayList<>();
            for (UUID child : tree.children(unit)) {
                parts.add(compute(spec, perGroup, tree, own, child, out, visiting));
            }
            Figure combined = combine(spec, perGroup, parts);
            if (combined.hasData() || mine == null) {
                result = combined;
            } else {
                result = Figure.none(mine.missing(), combined.excludedUnits());
            }
        }
        visiting.remove(unit);
        out.put(unit, result);
        return result;
    }

    /** Combines the figures of sibling units from their parts. */
    public static Figure combine(Spec spec, boolean perGroup, List<Figure> parts) {
        List<Figure> usable = new ArrayList<>();
        int excluded = 0;
        MissingReason missing = null;
        boolean groupWithoutData = false;
        for (Figure f : parts) {
            excluded += f.excludedUnits();
            if (!f.hasData()) {
                missing = missing == null ? f.missing() : missing;
                // "at least N per group": a group that reports nothing is not a group that met it
                groupWithoutData |= perGroup && f.missing() != MissingReason.NOT_APPLICABLE;
                continue;
            }
            if (perGroup ? f.value() != null : Rollup.usable(spec.unit(), f.input())) {
                usable.add(f);
            } else {
                excluded += f.contributingUnits();
            }
        }
        if (usable.isEmpty()) {
            return Figure.none(missing, excluded);
        }
        if (groupWithoutData) {
            return Figure.none(missing == null ? MissingReason.NOT_COLLECTED : missing, excluded);
        }
        int contributing = usable.stream().mapToInt(Figure::contributingUnits).sum();
        Long responses = usable.stream().anyMatch(f -> f.responses() != null)
                ? usable.stream()
                        .mapToLong(f -> f.responses() == null ? 0 : f.responses())
                        .sum()
                : null;
        if (perGroup) {
            BigDecimal min = usable.stream()
                    .map(Figure::value)
                    .min(BigDecimal::compareTo)
                    .orElseThrow();
            return new Figure(Basis.ROLLED_UP, min, null, null, responses, contributing, excluded, null);
        }
        Rollup.Result r =
                Rollup.of(spec.unit(), usable.stream().map(Figure::input).toList());
        return new Figure(
                Basis.ROLLED_UP,
                r.value(),
                r.numerator(),
                r.denominator(),
                r.responses(),
                contributing,
                excluded,
                null);
    }

    /**
     * The value as shown, without a target to keep honest: rounded (half up) to the indicator's decimals; null
     * when missing or backed by too few answers.
     */
    public static BigDecimal shown(Spec spec, Figure f) {
        BigDecimal exact = exact(spec, f);
        return exact == null ? null : Rollup.round(exact, spec.decimals());
    }

    /** The exact value that is compared with a target; null when missing or backed by too few answers. */
    public static BigDecimal exact(Spec spec, Figure f) {
        if (f == null || !f.hasData() || tooFew(spec, f)) {
            return null;
        }
        return f.value();
    }

    /** Decimals beyond the indicator's that a shown value may take to tell the truth about its target. */
    static final int EXTRA_DECIMALS = 4;

    /**
     * The one rounding rule (followup-service README, "Målvärden: exact comparison"): a value is compared
     * with its target exactly and shown rounded half up to the indicator's decimals, with as many more
     * decimals (up to {@value #EXTRA_DECIMALS}) as it takes for the shown value to meet the target exactly
     * when the exact value does: 99.5 against "at least 100" is shown as 99.5, not 100, and 10.1 against
     * "at most 10" as 10.1, not 10.
     */
    public static BigDecimal shown(Spec spec, BigDecimal exact, Target target) {
        if (exact == null) {
            return null;
        }
        int decimals = spec.decimals();
        BigDecimal shown = Rollup.round(exact, decimals);
        if (target == null) {
            return shown;
        }
        boolean met = target.isMet(exact);
        while (target.isMet(shown) != met && decimals < spec.decimals() + EXTRA_DECIMALS) {
            decimals++;
            shown = Rollup.round(exact, decimals);
        }
        return shown;
    }

    private static boolean tooFew(Spec spec, Figure f) {
        return spec.minResponses() != null && f.responses() != null && f.responses() < spec.minResponses();
    }

    /**
     * Met / not met / no data from the exact value, the distance to the target (exact, shown at the shown
     * value's decimals and rounded away from zero, so an unmet target never shows a distance of 0) and the
     * trend against the previous period (from the exact values; the change is the difference of the shown
     * values).
     */
    public static Result evaluate(Spec spec, Target target, Figure current, Figure previous) {
        BigDecimal exact = exact(spec, current);
        BigDecimal exactBefore = exact(spec, previous);
        BigDecimal value = shown(spec, exact, target);
        BigDecimal before = shown(spec, exactBefore, target);
        MissingReason missing = null;
        if (value == null && current != null) {
            missing = current.hasData() ? MissingReason.TOO_FEW_RESPONSES : current.missing();
        }
        Status status;
        BigDecimal distance = null;
        if (value == null) {
            status = Status.NO_DATA;
        } else if (target == null) {
            status = Status.NO_TARGET;
        } else {
            BigDecimal exactDistance = target.distance(exact);
            status = exactDistance.signum() == 0 ? Status.MET : Status.NOT_MET;
            distance = exactDistance.setScale(Math.max(value.scale(), 0), RoundingMode.UP);
        }
        Trend trend = Trend.UNKNOWN;
        BigDecimal change = null;
        if (value != null && before != null) {
            change = value.subtract(before);
            if (target != null) {
                int better;
                if (target.direction() != 0) {
                    better = exact.compareTo(exactBefore) * target.direction();
                } else {
                    better = target.distance(exactBefore)
                            .abs()
                            .compareTo(target.distance(exact).abs());
                }
                trend = better > 0 ? Trend.IMPROVED : better < 0 ? Trend.WORSENED : Trend.UNCHANGED;
            }
        }
        return new Result(status, value, missing, distance, before, trend, change);
    }
}
