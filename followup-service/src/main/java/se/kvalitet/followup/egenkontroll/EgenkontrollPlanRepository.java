package se.kvalitet.followup.egenkontroll;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class EgenkontrollPlanRepository implements PanacheRepositoryBase<EgenkontrollPlan, UUID> {}
