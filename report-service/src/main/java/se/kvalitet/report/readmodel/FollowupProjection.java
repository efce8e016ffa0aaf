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
        return List.of("followup_egenkontroll", "followup_measurement", "followup_target_missed", "followup_initiative");
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
                .setParameter("occ", e.occurrenceId()).setParameter("plan", e.planId())
                .setParameter("unit", e.orgUnitId()).setParameter("on", e.executedOn())
                .setParameter("result", e.result()).setParameter("found", e.deviationsFound())
                .executeUpdate();
    }

    void overdue(EgenkontrollOverdueV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_egenkontroll (occurrence_id, plan_id, org_unit_id, due_on, overdue)
                VALUES (:occ, :plan, :unit, :due, TRUE)
                ON CONFLICT (occurrence_id) DO UPDATE SET due_on = excluded.due_on, overdue = TRUE""")
                .setParameter("occ", e.occurrenceId()).setParameter("plan", e.planId())
                .setParameter("unit", e.orgUnitId()).setParameter("due", e.dueOn())
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
                .setParameter("id", e.measurementId()).setParameter("ind", e.indicatorId())
                .setParameter("unit", e.orgUnitId()).setParameter("period", e.period())
                .setParameter("gender", e.gender() == null ? "T" : e.gender())
                .setParameter("value", e.value()).setParameter("num", e.numerator())
                .setParameter("den", e.denominator()).setParameter("rev", e.revision())
                .executeUpdate();
    }

    void missed(TargetMissedV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_target_missed (indicator_id, org_unit_id, period, gender, value, evaluated_at)
                VALUES (:ind, :unit, :period, :gender, :value, :at)
                ON CONFLICT (indicator_id, org_unit_id, period, gender) DO UPDATE SET value = excluded.value,
                    evaluated_at = excluded.evaluated_at
                WHERE followup_target_missed.evaluated_at <= excluded.evaluated_at""")
                .setParameter("ind", e.indicatorId()).setParameter("unit", e.orgUnitId())
                .setParameter("period", e.period()).setParameter("gender", e.gender() == null ? "T" : e.gender())
                .setParameter("value", e.value()).setParameter("at", Timestamp.from(e.evaluatedAt()))
                .executeUpdate();
    }

    void completed(InitiativeCompletedV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_initiative (initiative_id, org_unit_id, origin, deadline, outcome, closed_on, on_time)
                VALUES (:id, :unit, :origin, :deadline, :outcome, :closed, :onTime)
                ON CONFLICT (initiative_id) DO UPDATE SET outcome = excluded.outcome, closed_on = excluded.closed_on,
                    on_time = excluded.on_time, deadline = coalesce(excluded.deadline, followup_initiative.deadline)""")
                .setParameter("id", e.initiativeId()).setParameter("unit", e.orgUnitId())
                .setParameter("origin", e.origin()).setParameter("deadline", e.deadline())
                .setParameter("outcome", e.outcome()).setParameter("closed", e.closedOn())
                .setParameter("onTime", e.onTime())
                .executeUpdate();
    }

    void initiativeOverdue(InitiativeOverdueV1 e) {
        em.createNativeQuery("""
                INSERT INTO followup_initiative (initiative_id, org_unit_id, origin, deadline, overdue)
                VALUES (:id, :unit, :origin, :deadline, TRUE)
                ON CONFLICT (initiative_id) DO UPDATE SET overdue = TRUE""")
                .setParameter("id", e.initiativeId()).setParameter("unit", e.orgUnitId())
                .setParameter("origin", e.origin()).setParameter("deadline", e.deadline())
                .executeUpdate();
    }
}
