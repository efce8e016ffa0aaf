package se.kvalitet.deviation.triage;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The triage history of reports (append-only). */
@ApplicationScoped
public class TriageDecisionRepository implements PanacheRepositoryBase<TriageDecision, UUID> {}
