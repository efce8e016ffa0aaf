package se.kvalitet.registry.cooperation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class CooperationPartnerRepository implements PanacheRepositoryBase<CooperationPartner, UUID> {}
