package se.kvalitet.followup.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import se.kvalitet.followup.EgenkontrollOccurrence;

@ApplicationScoped
public class EgenkontrollOccurrenceRepository implements PanacheRepositoryBase<EgenkontrollOccurrence, UUID> {
}
