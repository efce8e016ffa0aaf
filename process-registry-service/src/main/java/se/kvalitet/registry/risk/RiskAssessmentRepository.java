package se.kvalitet.registry.risk;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class RiskAssessmentRepository implements PanacheRepositoryBase<RiskAssessment, UUID> {}
