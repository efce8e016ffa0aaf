package se.kvalitet.deviation.report;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Dated investigation entries (append-only, DB-enforced). */
@ApplicationScoped
public class InvestigationEntryRepository implements PanacheRepositoryBase<InvestigationEntry, UUID> {}
