package se.kvalitet.followup.odata;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.data.Property;
import org.apache.olingo.commons.api.data.ValueType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.uri.queryoption.expression.Binary;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.evaluation.EvaluationService;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorService;
import se.kvalitet.followup.indicator.IndicatorTarget;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgTree;

/**
 * The Evaluations set: every indicator at every unit for one period, as the API and the CSV export evaluate
 * them (computed on request by {@link EvaluationService}, not stored). {@code $filter} must name the period
 * and may name indicator, unit and gender, each by {@code eq}, joined by {@code and}; pages end at an
 * indicator (indicators in code order), so a page is one pass of the evaluator over a batch of indicators.
 */
@ApplicationScoped
public class EvaluationFeed {

    static final String SET = "Evaluations";
    static final String TYPE = "Evaluation";
    static final List<String> KEYS = List.of("indicatorId", "orgUnitId", "period", "gender");

    /** A property of an evaluation. */
    record Prop(String name, EdmPrimitiveTypeKind type, boolean nullable) {}

    static final List<Prop> PROPERTIES = List.of(
            new Prop("indicatorId", EdmPrimitiveTypeKind.Guid, false),
            new Prop("indicatorCode", EdmPrimitiveTypeKind.String, false),
            new Prop("orgUnitId", EdmPrimitiveTypeKind.Guid, false),
            new Prop("orgUnitName", EdmPrimitiveTypeKind.String, true),
            new Prop("period", EdmPrimitiveTypeKind.String, false),
            new Prop("gender", EdmPrimitiveTypeKind.String, false),
            new Prop("status", EdmPrimitiveTypeKind.String, false),
            new Prop("value", EdmPrimitiveTypeKind.Decimal, true),
            new Prop("numerator", EdmPrimitiveTypeKind.Decimal, true),
            new Prop("denominator", EdmPrimitiveTypeKind.Decimal, true),
            new Prop("responses", EdmPrimitiveTypeKind.Int64, true),
            new Prop("basis", EdmPrimitiveTypeKind.String, false),
            new Prop("contributingUnits", EdmPrimitiveTypeKind.Int32, false),
            new Prop("excludedUnits", EdmPrimitiveTypeKind.Int32, false),
            new Prop("missingReason", EdmPrimitiveTypeKind.String, true),
            new Prop("targetValidFrom", EdmPrimitiveTypeKind.String, true),
            new Prop("comparator", EdmPrimitiveTypeKind.String, true),
            new Prop("targetValue", EdmPrimitiveTypeKind.Decimal, true),
            new Prop("targetUpper", EdmPrimitiveTypeKind.Decimal, true),
            new Prop("distance", EdmPrimitiveTypeKind.Decimal, true),
            new Prop("previousPeriod", EdmPrimitiveTypeKind.String, false),
            new Prop("previousValue", EdmPrimitiveTypeKind.Decimal, true),
            new Prop("trend", EdmPrimitiveTypeKind.String, false),
            new Prop("change", EdmPrimitiveTypeKind.Decimal, true));

    @Inject
    EvaluationService evaluation;

    @Inject
    IndicatorService indicators;

    @Inject
    OrgCopy orgUnits;

    /** The selection a {@code $filter} on evaluations makes. */
    record Selection(Period period, UUID indicatorId, UUID orgUnitId, Gender gender) {}

    /** One page: its rows and the code of the last indicator it holds when more follow. */
    record Rows(List<Entity> entities, String lastIndicator, long total) {}

    /** Reads {@code $filter}: a conjunction of {@code eq} on period (required), indicatorId, orgUnitId, gender. */
    static Selection selection(Expression filter) throws ODataApplicationException {
        Map<String, String> eq = new HashMap<>();
        if (filter != null) {
            conjuncts(filter, eq);
        }
        String period = eq.get("period");
        if (period == null) {
            throw FilterSql.badRequest(
                    "Evaluations need a period: $filter=period eq '2025' (optionally and indicatorId eq …, orgUnitId eq …, gender eq 'K')");
        }
        try {
            return new Selection(
                    Period.parse(period),
                    eq.containsKey("indicatorId") ? UUID.fromString(eq.get("indicatorId")) : null,
                    eq.containsKey("orgUnitId") ? UUID.fromString(eq.get("orgUnitId")) : null,
                    eq.containsKey("gender") ? Gender.valueOf(eq.get("gender")) : Gender.T);
        } catch (RuntimeException e) {
            throw FilterSql.badRequest("$filter: period, indicatorId, orgUnitId or gender is not valid");
        }
    }

    private static void conjuncts(Expression e, Map<String, String> eq) throws ODataApplicationException {
        if (e instanceof Binary b && b.getOperator() == BinaryOperatorKind.AND) {
            conjuncts(b.getLeftOperand(), eq);
            conjuncts(b.getRightOperand(), eq);
            return;
        }
        if (e instanceof Binary b
                && b.getOperator() == BinaryOperatorKind.EQ
                && b.getLeftOperand() instanceof Member m
                && b.getRightOperand() instanceof Literal l
                && m.getResourcePath().getUriResourceParts().size() == 1) {
            String name = m.getResourcePath().getUriResourceParts().get(0).getSegmentValue();
            if (List.of("period", "indicatorId", "orgUnitId", "gender").contains(name) && !eq.containsKey(name)) {
                String t = l.getText();
                eq.put(
                        name,
                        t.startsWith("'") && t.endsWith("'") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t);
                return;
            }
        }
        throw FilterSql.badRequest(
                "$filter on Evaluations: only period, indicatorId, orgUnitId and gender, each once with eq, joined by and");
    }

    /**
     * The evaluations of the indicators after {@code afterCode} (code order) for as many indicators as fit in
     * {@code limit} rows (at least one); {@code lastIndicator} is set when more indicators follow.
     */
    Rows read(Selection s, String afterCode, int limit) throws ODataApplicationException {
        OrgTree tree = orgUnits.tree();
        List<UUID> units;
        if (s.orgUnitId() != null) {
            if (!tree.knows(s.orgUnitId())) {
                throw FilterSql.badRequest("$filter: no such orgUnitId (as published by the process registry)");
            }
            units = List.of(s.orgUnitId());
        } else {
            units = new ArrayList<>();
            for (UUID root : tree.roots()) {
                units.addAll(tree.preorder(root, Integer.MAX_VALUE));
            }
        }
        List<Indicator> all = (s.indicatorId() == null
                        ? indicators.all(null)
                        : indicators.byIds(List.of(s.indicatorId()), null))
                .stream().sorted(Comparator.comparing((Indicator i) -> i.code)).toList();
        long total = (long) all.size() * units.size();
        List<Indicator> rest = afterCode == null
                ? all
                : all.stream().filter(i -> i.code.compareTo(afterCode) > 0).toList();
        int perPage = Math.max(1, limit / Math.max(1, units.size()));
        List<Indicator> batch = rest.subList(0, Math.min(perPage, rest.size()));
        List<Entity> out = new ArrayList<>(batch.size() * units.size());
        if (!units.isEmpty()) {
            evaluation.evaluate(batch, s.period(), s.gender(), tree, units, r -> out.add(entity(r, tree)));
        }
        String last = rest.size() > batch.size() ? batch.get(batch.size() - 1).code : null;
        return new Rows(out, last, total);
    }

    private static Entity entity(EvaluationService.Row r, OrgTree tree) {
        var res = r.result();
        var f = r.figure();
        boolean shown = res.value() != null;
        IndicatorTarget t = r.target();
        Object[] v = {
            r.indicator().id,
            r.indicator().code,
            r.orgUnitId(),
            tree.name(r.orgUnitId()),
            r.period().code(),
            r.gender().name(),
            res.status().name(),
            decimal(res.value()),
            shown && f != null ? decimal(f.numerator()) : null,
            shown && f != null ? decimal(f.denominator()) : null,
            shown && f != null ? f.responses() : null,
            f == null ? "NONE" : f.basis().name(),
            f == null ? 0 : f.contributingUnits(),
            f == null ? 0 : f.excludedUnits(),
            res.missing() == null ? null : res.missing().name(),
            t == null ? null : t.validFromPeriod,
            t == null ? null : t.comparator.name(),
            t == null ? null : decimal(t.targetValue),
            t == null ? null : decimal(t.targetUpper),
            decimal(res.distance()),
            r.previous().code(),
            decimal(res.previousValue()),
            res.trend().name(),
            decimal(res.change())
        };
        Entity e = new Entity();
        for (int i = 0; i < v.length; i++) {
            e.addProperty(new Property(null, PROPERTIES.get(i).name(), ValueType.PRIMITIVE, v[i]));
        }
        return e;
    }

    /** A number as the model declares decimals (scale 6): plain, at most six decimals. */
    private static BigDecimal decimal(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal plain = Numbers.plain(v);
        return plain.scale() > 6 ? plain.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros() : plain;
    }
}
