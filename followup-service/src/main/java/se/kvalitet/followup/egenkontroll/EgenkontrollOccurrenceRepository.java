package se.kvalitet.followup.egenkontroll;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class EgenkontrollOccurrenceRepository implements PanacheRepositoryBase<EgenkontrollOccurrence, UUID> {}
