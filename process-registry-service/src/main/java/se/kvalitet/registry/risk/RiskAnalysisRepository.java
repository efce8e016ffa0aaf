package se.kvalitet.registry.risk;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class RiskAnalysisRepository implements PanacheRepositoryBase<RiskAnalysis, UUID> {}
