package se.kvalitet.followup.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import se.kvalitet.followup.InternalControlPlan;

@ApplicationScoped
public class InternalControlPlanRepository implements PanacheRepositoryBase<InternalControlPlan, UUID> {
}
