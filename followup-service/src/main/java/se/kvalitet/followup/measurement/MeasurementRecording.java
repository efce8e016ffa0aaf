package se.kvalitet.followup.measurement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.measurement.MeasurementCommands.RecordMeasurement;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.followup.support.Today;
import se.kvalitet.web.ETags;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.ReferenceProblems;

/**
 * Recording one measurement (mätvärde) and correcting it: a second recording of the same indicator,
 * unit, period and gender is a 409 naming the existing one; a correction (with If-Match) is a new
 * revision, an identical one changes nothing. Both publish through {@link MeasurementWrites}.
 */
@ApplicationScoped
public class MeasurementRecording {

    @Inject
    MeasurementRepository measurements;

    @Inject
    MeasurementQueries queries;

    @Inject
    IndicatorRepository indicators;

    @Inject
    FollowupAccess access;

    @Inject
    Today today;

    @Inject
    MeasurementWrites writes;

    @Transactional
    public Measurement create(RecordMeasurement r) {
        Indicator ind = indicators
                .findByIdOptional(r.indicatorId())
                .orElseThrow(() -> ReferenceProblems.unknown("indicatorId", "no such indicator"));
        access.requireWriteFor(r.orgUnitId());
        access.requireKnownUnit("orgUnitId", r.orgUnitId());
        Gender gender = r.gender() == null ? Gender.T : r.gender();
        List<FieldError> errors = new ArrayList<>();
        Period period = MeasurementRules.period(ind, r.period(), "period", errors);
        MeasurementRules.gender(ind, gender, "gender", errors);
        Measurement.Values values = r.values();
        requireFits(ind, values, errors);
        Measurement existing = measurements
                .find(
                        "indicatorId = ?1 and orgUnitId = ?2 and period = ?3 and gender = ?4",
                        ind.id,
                        r.orgUnitId(),
                        period.code(),
                        gender)
                .firstResult();
        if (existing != null) {
            throw ProblemException.conflict(
                            "measurement-exists",
                            "A measurement of this indicator, unit, period and gender exists; correct it with PUT and If-Match")
                    .with("existingId", existing.id)
                    .with("currentETag", "\"" + existing.version + "\"");
        }
        Measurement m = MeasurementWrites.newMeasurement(ind, r.orgUnitId(), period, gender);
        m.apply(values, today.now(), access.who());
        measurements.persist(m);
        writes.flushOrConflict();
        writes.recorded(ind, m);
        writes.reevaluate(ind, List.of(MeasurementWrites.touched(m)));
        return m;
    }

    @Transactional
    public Measurement correct(UUID id, String ifMatch, Measurement.Values values) {
        Measurement m = queries.get(id);
        access.requireWriteFor(m.orgUnitId);
        ETags.requireMatch(ifMatch, m.version);
        Indicator ind = indicators.findById(m.indicatorId);
        requireFits(ind, values, new ArrayList<>());
        if (m.apply(values, today.now(), access.who())) {
            measurements.flush();
            writes.recorded(ind, m);
            writes.reevaluate(ind, List.of(MeasurementWrites.touched(m)));
        }
        return m;
    }

    /** 400 naming every field (with {@code errors} found before) when the values do not fit the indicator. */
    private static void requireFits(Indicator ind, Measurement.Values values, List<FieldError> errors) {
        new TextGuard()
                .text("comment", values.comment())
                .text("source", values.source())
                .done();
        MeasurementRules.values(ind, values, "", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(
                    "invalid-measurement", "The measurement does not fit indicator " + ind.code, errors);
        }
    }
}
