package se.kvalitet.followup.measurement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.support.Where;
import se.kvalitet.web.Page;
import se.kvalitet.web.ProblemException;

/** Reading measurements: one, a filtered page, and the revisions of one (for its writers). */
@ApplicationScoped
public class MeasurementQueries {

    @Inject
    MeasurementRepository measurements;

    @Inject
    MeasurementRevisionRepository revisions;

    @Inject
    FollowupAccess access;

    @Transactional
    public Measurement get(UUID id) {
        return measurements.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Measurement " + id));
    }

    /** 403 unless the caller may change measurements of {@code m}'s unit. */
    public void requireWrite(Measurement m) {
        access.requireWriteFor(m.orgUnitId);
    }

    /** The revisions of a measurement, oldest first: for the quality team and the unit's managers. */
    @Transactional
    public List<MeasurementRevision> revisions(UUID id) {
        Measurement m = get(id);
        if (!access.mayWriteFor(m.orgUnitId)) {
            throw ProblemException.forbidden(
                    "The history of a measurement is for the quality team and the unit's managers");
        }
        return revisions.list("key.measurementId = ?1 order by key.revision", id);
    }

    /** Filters of the measurement list. */
    public record Filter(
            UUID indicatorId,
            UUID orgUnitId,
            boolean subtree,
            String period,
            Period from,
            Period to,
            Gender gender,
            Instant updatedSince) {}

    @Transactional
    public Page<Measurement> list(Filter f, int page, int limit) {
        Set<UUID> units = null;
        if (f.orgUnitId() != null) {
            units = new HashSet<>(List.of(f.orgUnitId()));
            if (f.subtree()) {
                units.addAll(access.tree().descendants(f.orgUnitId()));
            }
        }
        return new Where()
                .and("indicatorId = ?", f.indicatorId())
                .and("orgUnitId in ?", units)
                .and("period = ?", f.period())
                .and("periodStart >= ?", f.from() == null ? null : f.from().start())
                .and("periodEnd <= ?", f.to() == null ? null : f.to().end())
                .and("gender = ?", f.gender())
                .and("updatedAt >= ?", f.updatedSince())
                .page(
                        measurements,
                        f.updatedSince() != null
                                ? "updatedAt, id"
                                : "indicatorId, orgUnitId, periodStart, periodType, gender, id",
                        page,
                        limit);
    }
}
