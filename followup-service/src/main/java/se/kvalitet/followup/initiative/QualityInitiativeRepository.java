package se.kvalitet.followup.initiative;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class QualityInitiativeRepository implements PanacheRepositoryBase<QualityInitiative, UUID> {}
