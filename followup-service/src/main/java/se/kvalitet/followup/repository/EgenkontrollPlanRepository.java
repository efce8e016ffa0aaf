package se.kvalitet.followup.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import se.kvalitet.followup.EgenkontrollPlan;

@ApplicationScoped
public class EgenkontrollPlanRepository implements PanacheRepositoryBase<EgenkontrollPlan, UUID> {
}
