package se.kvalitet.followup.internalcontrol;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class InternalControlPlanRepository implements PanacheRepositoryBase<InternalControlPlan, UUID> {}
