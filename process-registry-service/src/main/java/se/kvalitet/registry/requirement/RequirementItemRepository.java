package se.kvalitet.registry.requirement;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class RequirementItemRepository implements PanacheRepositoryBase<RequirementItem, UUID> {}
