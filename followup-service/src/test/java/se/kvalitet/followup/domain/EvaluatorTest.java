package se.kvalitet.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Enums.Status;
import se.kvalitet.followup.domain.Enums.Trend;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;
import se.kvalitet.followup.domain.Evaluator.Basis;
import se.kvalitet.followup.domain.Evaluator.Figure;
import se.kvalitet.followup.domain.Evaluator.Own;
import se.kvalitet.orgcopy.OrgTree;

/** Roll-up up the tree from parts, never an average of percentages; met / not met / no data; trend. */
class EvaluatorTest {

    static final UUID BOARD = UUID.randomUUID();
    static final UUID DEPT = UUID.randomUUID();
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();
    static final OrgTree TREE = tree();

    static OrgTree tree() {
        Map<UUID, UUID> parents = new HashMap<>();
        parents.put(BOARD, null);
        parents.put(DEPT, BOARD);
        parents.put(A, DEPT);
        parents.put(B, DEPT);
        parents.put(OTHER, BOARD);
        return new OrgTree(parents);
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Own share(long num, long den) {
        return new Own(null, BigDecimal.valueOf(num), BigDecimal.valueOf(den), den, null);
    }

    static Own value(String v, Long responses) {
        return new Own(d(v), null, null, responses, null);
    }

    static Evaluator.Spec spec(UnitOfMeasure unit, Integer min) {
        return new Evaluator.Spec(unit, 1, min);
    }

    @Test
    void sharesRollUpFromNumeratorsAndDenominatorsNotFromAveragedPercentages() {
        // A: 1 of 2 (50 %), B: 99 of 100 (99 %). The average of the percentages would be 74.5 %.
        Map<UUID, Figure> f = Evaluator.figures(
                spec(UnitOfMeasure.PERCENT, null), false, TREE, Map.of(A, share(1, 2), B, share(99, 100)));
        Figure dept = f.get(DEPT);
        assertThat(dept.basis()).isEqualTo(Basis.ROLLED_UP);
        assertThat(dept.numerator()).isEqualByComparingTo("100");
        assertThat(dept.denominator()).isEqualByComparingTo("102");
        assertThat(Evaluator.shown(spec(UnitOfMeasure.PERCENT, null), dept)).isEqualByComparingTo("98.0");
        assertThat(dept.contributingUnits()).isEqualTo(2);
        // the board has the same parts (the other unit has nothing)
        assertThat(f.get(BOARD).denominator()).isEqualByComparingTo("102");
        assertThat(f.get(OTHER).hasData()).isFalse();
    }

    @Test
    void aPercentageWithItsAnswerCountIsWeightedByItAndOneWithoutIsLeftOutAndCounted() {
        Map<UUID, Own> own = Map.of(A, value("50", 10L), B, value("90", null));
        Figure dept = Evaluator.figures(spec(UnitOfMeasure.PERCENT, null), false, TREE, own)
                .get(DEPT);
        assertThat(dept.value()).isEqualByComparingTo("50");
        assertThat(dept.excludedUnits()).isEqualTo(1);
        assertThat(dept.contributingUnits()).isEqualTo(1);
    }

    @Test
    void scalesRollUpAsMeansWeightedByResponsesAndCountsAsSums() {
        Map<UUID, Figure> scale = Evaluator.figures(
                spec(UnitOfMeasure.SCALE_1_5, null), false, TREE, Map.of(A, value("3.0", 10L), B, value("5.0", 30L)));
        assertThat(scale.get(DEPT).value()).isEqualByComparingTo("4.5"); // (30 + 150) / 40, not (3 + 5) / 2
        assertThat(scale.get(DEPT).responses()).isEqualTo(40L);
        Map<UUID, Figure> count = Evaluator.figures(
                spec(UnitOfMeasure.COUNT, null), false, TREE, Map.of(A, value("2", null), B, value("3", null)));
        assertThat(count.get(BOARD).value()).isEqualByComparingTo("5");
    }

    @Test
    void aUnitsOwnMeasurementWinsOverItsChildrenAndAMissingOneFallsBackToThem() {
        Map<UUID, Own> own = new HashMap<>(Map.of(A, share(1, 2), B, share(1, 2), DEPT, share(9, 10)));
        assertThat(Evaluator.figures(spec(UnitOfMeasure.PERCENT, null), false, TREE, own)
                        .get(DEPT)
                        .basis())
                .isEqualTo(Basis.MEASURED);
        assertThat(Evaluator.figures(spec(UnitOfMeasure.PERCENT, null), false, TREE, own)
                        .get(BOARD)
                        .denominator())
                .isEqualByComparingTo("10");
        own.put(DEPT, Own.missing(MissingReason.NOT_COLLECTED, null));
        Figure dept = Evaluator.figures(spec(UnitOfMeasure.PERCENT, null), false, TREE, own)
                .get(DEPT);
        assertThat(dept.basis()).isEqualTo(Basis.ROLLED_UP);
        assertThat(dept.denominator()).isEqualByComparingTo("4");
        // with no children's data the unit's own reason stands
        Figure alone = Evaluator.figures(
                        spec(UnitOfMeasure.PERCENT, null),
                        false,
                        TREE,
                        Map.of(OTHER, Own.missing(MissingReason.TOO_FEW_RESPONSES, 3L)))
                .get(OTHER);
        assertThat(alone.hasData()).isFalse();
        assertThat(alone.missing()).isEqualTo(MissingReason.TOO_FEW_RESPONSES);
    }

    @Test
    void tooFewAnswersHideAUnitsValueButItsPartsStillRollUp() {
        Evaluator.Spec s = spec(UnitOfMeasure.SCALE_1_5, 5);
        Map<UUID, Figure> f = Evaluator.figures(s, false, TREE, Map.of(A, value("2.0", 3L), B, value("4.0", 7L)));
        Target t = new Target(TargetComparison.AT_LEAST, d("4"), null);
        Evaluator.Result a = Evaluator.evaluate(s, t, f.get(A), null);
        assertThat(a.status()).isEqualTo(Status.NO_DATA);
        assertThat(a.missing()).isEqualTo(MissingReason.TOO_FEW_RESPONSES);
        assertThat(a.value()).isNull();
        Evaluator.Result dept = Evaluator.evaluate(s, t, f.get(DEPT), null);
        assertThat(dept.value()).isEqualByComparingTo("3.4"); // (6 + 28) / 10
        assertThat(dept.status()).isEqualTo(Status.NOT_MET);
        assertThat(dept.distance()).isEqualByComparingTo("-0.6");
    }

    @Test
    void atLeastPerGroupRollsUpAsTheSmallestGroup() {
        Map<UUID, Figure> f = Evaluator.figures(
                spec(UnitOfMeasure.COUNT, null), true, TREE, Map.of(A, value("3", null), B, value("0", null)));
        assertThat(f.get(DEPT).value()).isEqualByComparingTo("0");
        Evaluator.Result r = Evaluator.evaluate(
                spec(UnitOfMeasure.COUNT, null),
                new Target(TargetComparison.AT_LEAST_PER_GROUP, d("1"), null),
                f.get(DEPT),
                null);
        assertThat(r.status()).isEqualTo(Status.NOT_MET);
    }

    @Test
    void theTotalOfWomenAndMenComesFromTheirParts() {
        Own t = Evaluator.total(spec(UnitOfMeasure.PERCENT, null), share(30, 40), share(10, 20));
        assertThat(t.numerator()).isEqualByComparingTo("40");
        assertThat(t.denominator()).isEqualByComparingTo("60");
        Own scale = Evaluator.total(spec(UnitOfMeasure.SCALE_1_5, null), value("4", 30L), value("3", 10L));
        assertThat(scale.value()).isEqualByComparingTo("3.75");
        assertThat(Evaluator.total(spec(UnitOfMeasure.SCALE_1_5, null), value("4", 30L), value("3", null)))
                .isNull();
    }

    @Test
    void statusDistanceAndTrendFollowTheDirectionOfTheTarget() {
        Evaluator.Spec s = spec(UnitOfMeasure.PERCENT, null);
        Figure now = Evaluator.figure(s, value("8.04", 100L));
        Figure before = Evaluator.figure(s, value("12.0", 100L));
        Evaluator.Result atMost =
                Evaluator.evaluate(s, new Target(TargetComparison.AT_MOST, d("10"), null), now, before);
        assertThat(atMost.status()).isEqualTo(Status.MET);
        assertThat(atMost.value()).isEqualByComparingTo("8.0"); // shown at the indicator's decimals, compared exactly
        assertThat(atMost.distance()).isEqualByComparingTo("0");
        assertThat(atMost.trend()).isEqualTo(Trend.IMPROVED);
        assertThat(atMost.change()).isEqualByComparingTo("-4.0");
        Evaluator.Result atLeast =
                Evaluator.evaluate(s, new Target(TargetComparison.AT_LEAST, d("10"), null), now, before);
        assertThat(atLeast.status()).isEqualTo(Status.NOT_MET);
        assertThat(atLeast.distance()).isEqualByComparingTo("-2.0");
        assertThat(atLeast.trend()).isEqualTo(Trend.WORSENED);
        Evaluator.Result between =
                Evaluator.evaluate(s, new Target(TargetComparison.BETWEEN, d("9"), d("11")), now, before);
        // exact values decide: 0.96 below the band now, 1.0 above it before (shown, both are 1.0 away)
        assertThat(between.trend()).isEqualTo(Trend.IMPROVED);
        assertThat(Evaluator.evaluate(s, null, now, before).status()).isEqualTo(Status.NO_TARGET);
        assertThat(Evaluator.evaluate(s, null, now, before).trend()).isEqualTo(Trend.UNKNOWN);
        assertThat(Evaluator.evaluate(s, new Target(TargetComparison.AT_LEAST, d("10"), null), null, before)
                        .status())
                .isEqualTo(Status.NO_DATA);
    }

    static Evaluator.Result at(String exact, TargetComparison comparison, String target, String upper) {
        Evaluator.Spec whole = new Evaluator.Spec(UnitOfMeasure.PERCENT, 0, null);
        return Evaluator.evaluate(
                whole,
                new Target(comparison, d(target), upper == null ? null : d(upper)),
                Evaluator.figure(whole, value(exact, null)),
                null);
    }

    static void assertResult(Evaluator.Result r, Status status, String shown, String distance) {
        assertThat(r.status()).as("status of %s", shown).isEqualTo(status);
        assertThat(r.value()).as("shown").isEqualByComparingTo(shown);
        assertThat(r.value().toPlainString()).as("shown as").isEqualTo(shown);
        assertThat(r.distance()).as("distance of %s", shown).isEqualByComparingTo(distance);
    }

    @Test
    void everyComparatorDecidesOnTheExactValueOnBothSidesOfTheRoundingEdge() {
        // decimals = 0: rounding would make 99.5 meet "at least 100" and 10.1 meet "at most 10"
        assertResult(at("99.5", TargetComparison.AT_LEAST, "100", null), Status.NOT_MET, "99.5", "-0.5");
        assertResult(at("99.99", TargetComparison.AT_LEAST, "100", null), Status.NOT_MET, "99.99", "-0.01");
        assertResult(at("100", TargetComparison.AT_LEAST, "100", null), Status.MET, "100", "0");
        assertResult(at("100.4", TargetComparison.AT_LEAST, "100", null), Status.MET, "100", "0");
        assertResult(at("10.1", TargetComparison.AT_MOST, "10", null), Status.NOT_MET, "10.1", "0.1");
        assertResult(at("10", TargetComparison.AT_MOST, "10", null), Status.MET, "10", "0");
        assertResult(at("9.6", TargetComparison.AT_MOST, "10", null), Status.MET, "10", "0");
        assertResult(at("5.4", TargetComparison.EXACTLY, "5", null), Status.NOT_MET, "5.4", "0.4");
        assertResult(at("4.6", TargetComparison.EXACTLY, "5", null), Status.NOT_MET, "4.6", "-0.4");
        assertResult(at("5", TargetComparison.EXACTLY, "5", null), Status.MET, "5", "0");
        assertResult(at("8.6", TargetComparison.BETWEEN, "9", "11"), Status.NOT_MET, "8.6", "-0.4");
        assertResult(at("9", TargetComparison.BETWEEN, "9", "11"), Status.MET, "9", "0");
        assertResult(at("11", TargetComparison.BETWEEN, "9", "11"), Status.MET, "11", "0");
        assertResult(at("11.4", TargetComparison.BETWEEN, "9", "11"), Status.NOT_MET, "11.4", "0.4");
        assertResult(at("0.6", TargetComparison.AT_LEAST_PER_GROUP, "1", null), Status.NOT_MET, "0.6", "-0.4");
        assertResult(at("1", TargetComparison.AT_LEAST_PER_GROUP, "1", null), Status.MET, "1", "0");
        // where rounding does not cross the target, the indicator's decimals are enough; the distance rounds away from
        // 0
        assertResult(at("97.2", TargetComparison.AT_LEAST, "100", null), Status.NOT_MET, "97", "-3");
        assertResult(at("99.2", TargetComparison.AT_LEAST, "100", null), Status.NOT_MET, "99", "-1");
        // the trend follows the exact values even where the shown ones are equal
        Evaluator.Spec whole = new Evaluator.Spec(UnitOfMeasure.PERCENT, 0, null);
        Evaluator.Result r = Evaluator.evaluate(
                whole,
                new Target(TargetComparison.AT_MOST, d("50"), null),
                Evaluator.figure(whole, value("20.2", null)),
                Evaluator.figure(whole, value("20.4", null)));
        assertThat(r.trend()).isEqualTo(Trend.IMPROVED);
    }

    @Test
    void aGroupThatReportsNothingKeepsAtLeastOnePerGroupFromBeingMet() {
        Target onePerGroup = new Target(TargetComparison.AT_LEAST_PER_GROUP, d("1"), null);
        Evaluator.Spec count = spec(UnitOfMeasure.COUNT, null);
        // A reported 3, B nothing: the department is not "met", it has no data, and says why
        Map<UUID, Figure> f = Evaluator.figures(count, true, TREE, Map.of(A, value("3", null)));
        Evaluator.Result dept = Evaluator.evaluate(count, onePerGroup, f.get(DEPT), null);
        assertThat(dept.status()).isEqualTo(Status.NO_DATA);
        assertThat(dept.missing()).isEqualTo(MissingReason.NOT_COLLECTED);
        // B says it was not collected: the same
        f = Evaluator.figures(
                count, true, TREE, Map.of(A, value("3", null), B, Own.missing(MissingReason.NOT_COLLECTED, null)));
        assertThat(Evaluator.evaluate(count, onePerGroup, f.get(DEPT), null).status())
                .isEqualTo(Status.NO_DATA);
        // B says the measure does not apply to it: it is not a group of this målvärde, A decides
        f = Evaluator.figures(
                count, true, TREE, Map.of(A, value("3", null), B, Own.missing(MissingReason.NOT_APPLICABLE, null)));
        assertThat(Evaluator.evaluate(count, onePerGroup, f.get(DEPT), null).status())
                .isEqualTo(Status.MET);
        // both reported, one with 0: not met
        f = Evaluator.figures(count, true, TREE, Map.of(A, value("3", null), B, value("0", null)));
        assertThat(Evaluator.evaluate(count, onePerGroup, f.get(DEPT), null).status())
                .isEqualTo(Status.NOT_MET);
        // a plain sum is not "per group": B's silence leaves A's figure standing
        f = Evaluator.figures(count, false, TREE, Map.of(A, value("3", null)));
        assertThat(f.get(DEPT).value()).isEqualByComparingTo("3");
    }
}
