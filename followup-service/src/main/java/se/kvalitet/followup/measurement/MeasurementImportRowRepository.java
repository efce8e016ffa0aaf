package se.kvalitet.followup.measurement;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MeasurementImportRowRepository
        implements PanacheRepositoryBase<MeasurementImportRow, MeasurementImportRow.Key> {}
