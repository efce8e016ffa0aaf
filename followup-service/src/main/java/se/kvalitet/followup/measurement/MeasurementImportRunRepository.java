package se.kvalitet.followup.measurement;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MeasurementImportRunRepository implements PanacheRepositoryBase<MeasurementImportRun, java.util.UUID> {}
