package se.kvalitet.followup.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import se.kvalitet.followup.MeasurementRevision;

@ApplicationScoped
public class MeasurementRevisionRepository implements PanacheRepositoryBase<MeasurementRevision, MeasurementRevision.Key> {
}
