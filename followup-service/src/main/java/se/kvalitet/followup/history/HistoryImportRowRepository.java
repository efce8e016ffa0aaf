package se.kvalitet.followup.history;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class HistoryImportRowRepository implements PanacheRepositoryBase<HistoryImportRow, HistoryImportRow.Key> {}
