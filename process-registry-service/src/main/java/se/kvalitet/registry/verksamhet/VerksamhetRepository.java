package se.kvalitet.registry.verksamhet;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class VerksamhetRepository implements PanacheRepositoryBase<Verksamhet, UUID> {}
