package se.kvalitet.deviation.action;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Actions: an aggregate changed through its service (progress, effect check). */
@ApplicationScoped
public class DeviationActionRepository implements PanacheRepositoryBase<DeviationAction, UUID> {}
