package se.kvalitet.followup.measurement;

import static se.kvalitet.followup.domain.Numbers.plain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import se.kvalitet.events.followup.MeasurementRecordedV1;
import se.kvalitet.events.followup.TargetMissedV1;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.Status;
import se.kvalitet.followup.domain.Evaluator;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.evaluation.EvaluationEvents;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorTarget;
import se.kvalitet.followup.support.Today;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.web.ProblemException;

/**
 * What every new or corrected measurement does in the transaction that writes it, whether it came
 * alone ({@link MeasurementRecording}) or in a bulk upload ({@link BulkUpload}): the revision row,
 * {@code measurement.recorded}, {@code target.missed} when the unit's own value misses the målvärde of
 * its period, and the re-evaluation of the cells it touches.
 */
@ApplicationScoped
public class MeasurementWrites {

    @Inject
    MeasurementRepository measurements;

    @Inject
    MeasurementRevisionRepository revisions;

    @Inject
    Outbox outbox;

    @Inject
    Today today;

    @Inject
    EvaluationEvents evaluationEvents;

    /** A new measurement of {@code ind} for one unit, period and gender, without values yet. */
    static Measurement newMeasurement(Indicator ind, UUID unit, Period period, Gender gender) {
        Measurement m = new Measurement();
        m.id = UUID.randomUUID();
        m.indicatorId = ind.id;
        m.orgUnitId = unit;
        m.period = period.code();
        m.periodType = period.type().name();
        m.periodStart = period.start();
        m.periodEnd = period.end();
        m.gender = gender;
        return m;
    }

    /** Flushes; a unique-key violation (the same measurement recorded concurrently) becomes a 409. */
    void flushOrConflict() {
        try {
            measurements.flush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw ProblemException.conflict(
                        "concurrent-write",
                        "Someone recorded the same measurement at the same moment; send the request again");
            }
            throw e;
        }
    }

    /** The cell a measurement touches, for the re-evaluation. */
    static EvaluationEvents.Touched touched(Measurement m) {
        return new EvaluationEvents.Touched(m.orgUnitId, m.period, m.gender);
    }

    /** Re-evaluates the cells of {@code ind} that the written measurements touched (after the flush). */
    void reevaluate(Indicator ind, List<EvaluationEvents.Touched> cells) {
        evaluationEvents.measured(ind, cells);
    }

    /** The revision row and the events of a new or corrected measurement, in the same transaction. */
    void recorded(Indicator ind, Measurement m) {
        revisions.persist(MeasurementRevision.of(m));
        outbox.publish(new MeasurementRecordedV1(
                m.id,
                m.indicatorId,
                m.orgUnitId,
                m.period,
                m.gender.name(),
                plain(m.value),
                plain(m.numerator),
                plain(m.denominator),
                m.responses,
                m.missingReason == null ? null : m.missingReason.name(),
                m.revision,
                m.updatedAt));
        Period period = Period.parse(m.period);
        IndicatorTarget target = ind.targetFor(period).orElse(null);
        if (target == null) {
            return;
        }
        Evaluator.Spec spec = ind.spec();
        Evaluator.Figure figure = Evaluator.figure(
                spec,
                new Evaluator.Own(
                        m.value,
                        m.numerator,
                        m.denominator,
                        m.responses == null ? null : m.responses.longValue(),
                        m.missingReason));
        Evaluator.Result r = Evaluator.evaluate(spec, target.rule(), figure, null);
        if (r.status() == Status.NOT_MET) {
            outbox.publish(new TargetMissedV1(
                    ind.id,
                    m.orgUnitId,
                    m.period,
                    m.gender.name(),
                    r.value(),
                    target.comparator,
                    plain(target.targetValue),
                    plain(target.targetUpper),
                    r.distance(),
                    today.now()));
        }
    }
}
