package se.kvalitet.deviation.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import se.kvalitet.deviation.Deviation;

@ApplicationScoped
public class DeviationRepository implements PanacheRepositoryBase<Deviation, UUID> {

    public Optional<Deviation> findByExternalReference(String source, String externalId) {
        return find("externalSource = ?1 and externalId = ?2", source, externalId).firstResultOptional();
    }
}
