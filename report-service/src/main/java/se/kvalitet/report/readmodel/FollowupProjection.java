package se.kvalitet.report.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.util.List;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.followup.EgenkontrollExecutedV1;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.events.followup.IndicatorChangedV1;
import se.kvalitet.events.followup.IndicatorEvaluatedV1;
import se.kvalitet.events.followup.InitiativeCompletedV1;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.events.followup.MeasurementRecordedV1;
import se.kvalitet.events.followup.TargetMissedV1;

/** Egenkontroll, indicator measurements against målvärden and quality initiatives from followup-service. */
@ApplicationScoped
public class FollowupProjection implements Projection {

    public static final String CONSUMER = "report.followup-facts";

    @Inject
    EntityManager em;

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public String topic() {
        return Topics.FOLLOWUP;
    }

    @Override
    public List<String> tables() {
        return List.of(
                "followup_egenkontroll",
                "followup_measurement",
                "followup_target_missed",
                "followup_initiative",
                "followup_indicator_target",
                "followup_indicator",
                "followup_evaluation");
    }

    @Override
    public void apply(EventEnvelope env) {
        switch (env.type()) {
            case EgenkontrollExecutedV1.TYPE -> executed(EventCodec.data(env, EgenkontrollExecutedV1.class));
            case EgenkontrollOverdueV1.TYPE -> overdue(EventCodec.data(env, EgenkontrollOverdueV1.class));
            case MeasurementRecordedV1.TYPE -> measured(EventCodec.data(env, MeasurementRecordedV1.class));
            case TargetMissedV1.TYPE -> missed(EventCodec.data(env, TargetMissedV1.class));
            case InitiativeCompletedV1.TYPE -> completed(EventCodec.data(env, InitiativeCompletedV1.class));
            case InitiativeOverdueV1.TYPE -> initiativeOverdue(EventCodec.data(env, InitiativeOverdueV1.class));
            case IndicatorChangedV1.TYPE -> indicator(EventCodec.data(env, IndicatorChangedV1.class));
            case IndicatorEvaluatedV1.TYPE -> evaluated(EventCodec.data(env, IndicatorEvaluatedV1.class));
            default -> {
                // not used by the reports
            }
        }
    }

    void executed(EgenkontrollExecutedV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_egenkontroll (occurrence_id, plan_id, org_unit_id, executed_on, result, deviations_found)
                VALUES (:occ, :plan, :unit, :on, :result, :found)
                ON CONFLICT (occurrence_id) DO UPDATE SET executed_on = excluded.executed_on, result = excluded.result,
                    deviations_found = excluded.deviations_found, org_unit_id = excluded.org_unit_id""")
                .setParameter("occ", e.occurrenceId())
                .setParameter("plan", e.planId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("on", e.executedOn())
                .setParameter("result", e.result())
                .setParameter("found", e.deviationsFound())
                .executeUpdate();
    }

    void overdue(EgenkontrollOverdueV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_egenkontroll (occurrence_id, plan_id, org_unit_id, due_on, overdue)
                VALUES (:occ, :plan, :unit, :due, TRUE)
                ON CONFLICT (occurrence_id) DO UPDATE SET due_on = excluded.due_on, overdue = TRUE""")
                .setParameter("occ", e.occurrenceId())
                .setParameter("plan", e.planId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("due", e.dueOn())
                .executeUpdate();
    }

    /** A correction (higher revision) replaces the value; an older revision arriving late does not. */
    void measured(MeasurementRecordedV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_measurement (measurement_id, indicator_id, org_unit_id, period, gender, value,
                                                  numerator, denominator, revision)
                VALUES (:id, :ind, :unit, :period, :gender, :value, :num, :den, :rev)
                ON CONFLICT (measurement_id) DO UPDATE SET value = excluded.value, numerator = excluded.numerator,
                    denominator = excluded.denominator, revision = excluded.revision
                WHERE followup_measurement.revision <= excluded.revision""")
                .setParameter("id", e.measurementId())
                .setParameter("ind", e.indicatorId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("period", e.period())
                .setParameter("gender", e.gender() == null ? "T" : e.gender())
                .setParameter("value", e.value())
                .setParameter("num", e.numerator())
                .setParameter("den", e.denominator())
                .setParameter("rev", e.revision())
                .executeUpdate();
    }

    void missed(TargetMissedV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_target_missed (indicator_id, org_unit_id, period, gender, value, evaluated_at)
                VALUES (:ind, :unit, :period, :gender, :value, :at)
                ON CONFLICT (indicator_id, org_unit_id, period, gender) DO UPDATE SET value = excluded.value,
                    evaluated_at = excluded.evaluated_at
                WHERE followup_target_missed.evaluated_at <= excluded.evaluated_at""")
                .setParameter("ind", e.indicatorId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("period", e.period())
                .setParameter("gender", e.gender() == null ? "T" : e.gender())
                .setParameter("value", e.value())
                .setParameter("at", Timestamp.from(e.evaluatedAt()))
                .executeUpdate();
    }

    void completed(InitiativeCompletedV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_initiative (initiative_id, org_unit_id, origin, deadline, outcome, closed_on, on_time)
                VALUES (:id, :unit, :origin, :deadline, :outcome, :closed, :onTime)
                ON CONFLICT (initiative_id) DO UPDATE SET outcome = excluded.outcome, closed_on = excluded.closed_on,
                    on_time = excluded.on_time, deadline = coalesce(excluded.deadline, followup_initiative.deadline)""")
                .setParameter("id", e.initiativeId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("origin", e.origin())
                .setParameter("deadline", e.deadline())
                .setParameter("outcome", e.outcome())
                .setParameter("closed", e.closedOn())
                .setParameter("onTime", e.onTime())
                .executeUpdate();
    }

    void initiativeOverdue(InitiativeOverdueV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_initiative (initiative_id, org_unit_id, origin, deadline, overdue)
                VALUES (:id, :unit, :origin, :deadline, TRUE)
                ON CONFLICT (initiative_id) DO UPDATE SET overdue = TRUE""")
                .setParameter("id", e.initiativeId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("origin", e.origin())
                .setParameter("deadline", e.deadline())
                .executeUpdate();
    }

    /** The snapshot with the highest revision wins, its målvärden with it; an older one arriving late changes nothing. */
    void indicator(IndicatorChangedV1 e) {
        int changed = em.createNativeQuery("""
                INSERT INTO followup_indicator (indicator_id, revision, code, name, criterion_code, criterion_name, unit_of_measure,
                                                decimals, changed_at)
                VALUES (:id, :rev, :code, :name, :crit, :critName, :unit, :decimals, :at)
                ON CONFLICT (indicator_id) DO UPDATE SET revision = excluded.revision, code = excluded.code, name = excluded.name,
                    criterion_code = excluded.criterion_code, criterion_name = excluded.criterion_name,
                    unit_of_measure = excluded.unit_of_measure, decimals = excluded.decimals, changed_at = excluded.changed_at
                WHERE followup_indicator.revision < excluded.revision""")
                .setParameter("id", e.indicatorId())
                .setParameter("rev", e.revision())
                .setParameter("code", e.code())
                .setParameter("name", e.name())
                .setParameter("crit", e.criterionCode())
                .setParameter("critName", e.criterionName())
                .setParameter("unit", e.unitOfMeasure())
                .setParameter("decimals", e.decimals())
                .setParameter("at", Timestamp.from(e.changedAt()))
                .executeUpdate();
        if (changed == 0) {
            return;
        }
        em.createNativeQuery("DELETE FROM followup_indicator_target WHERE indicator_id = :id")
                .setParameter("id", e.indicatorId())
                .executeUpdate();
        for (IndicatorChangedV1.Target t : e.targets()) {
            em.createNativeQuery("""
                    INSERT INTO followup_indicator_target (indicator_id, valid_from_period, comparator, target_value, target_upper)
                    VALUES (:id, :from, :comparator, CAST(:value AS numeric), CAST(:upper AS numeric)) ON CONFLICT DO NOTHING""")
                    .setParameter("id", e.indicatorId())
                    .setParameter("from", t.validFromPeriod())
                    .setParameter("comparator", t.comparator().name())
                    .setParameter("value", text(t.value()))
                    .setParameter("upper", text(t.upper()))
                    .executeUpdate();
        }
    }

    /** Per cell the evaluation with the highest sequence wins, whatever order they arrive in. */
    void evaluated(IndicatorEvaluatedV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_evaluation (indicator_id, org_unit_id, period, gender, sequence, status, basis, value,
                    missing_reason, comparator, target_value, target_upper, target_valid_from, trend, evaluated_at)
                VALUES (:ind, :unit, :period, :gender, :seq, :status, :basis, CAST(:value AS numeric), :missing, :comparator,
                    CAST(:target AS numeric), CAST(:upper AS numeric), :validFrom, :trend, :at)
                ON CONFLICT (indicator_id, org_unit_id, period, gender) DO UPDATE SET sequence = excluded.sequence,
                    status = excluded.status, basis = excluded.basis, value = excluded.value,
                    missing_reason = excluded.missing_reason, comparator = excluded.comparator,
                    target_value = excluded.target_value, target_upper = excluded.target_upper,
                    target_valid_from = excluded.target_valid_from, trend = excluded.trend, evaluated_at = excluded.evaluated_at
                WHERE followup_evaluation.sequence < excluded.sequence""")
                .setParameter("ind", e.indicatorId())
                .setParameter("unit", e.orgUnitId())
                .setParameter("period", e.period())
                .setParameter("gender", e.gender())
                .setParameter("seq", e.sequence())
                .setParameter("status", e.status())
                .setParameter("basis", e.basis())
                .setParameter("value", text(e.value()))
                .setParameter("missing", e.missingReason())
                .setParameter(
                        "comparator",
                        e.comparator() == null ? null : e.comparator().name())
                .setParameter("target", text(e.targetValue()))
                .setParameter("upper", text(e.targetUpper()))
                .setParameter("validFrom", e.targetValidFrom())
                .setParameter("trend", e.trend())
                .setParameter("at", Timestamp.from(e.evaluatedAt()))
                .executeUpdate();
    }

    /** Nullable numbers as text, cast in SQL: a null parameter has no type Hibernate could bind. */
    private static String text(java.math.BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }
}
