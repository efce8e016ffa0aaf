package se.kvalitet.followup.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import se.kvalitet.followup.Goal;

@ApplicationScoped
public class GoalRepository implements PanacheRepositoryBase<Goal, UUID> {
}
