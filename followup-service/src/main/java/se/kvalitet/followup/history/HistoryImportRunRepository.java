package se.kvalitet.followup.history;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class HistoryImportRunRepository implements PanacheRepositoryBase<HistoryImportRun, UUID> {}
