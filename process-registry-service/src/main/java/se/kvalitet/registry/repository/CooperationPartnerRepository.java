package se.kvalitet.registry.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import se.kvalitet.registry.CooperationPartner;

@ApplicationScoped
public class CooperationPartnerRepository implements PanacheRepositoryBase<CooperationPartner, UUID> {
}
