package se.kvalitet.deviation.rootcause;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Root causes of tracks. */
@ApplicationScoped
public class TrackRootCauseRepository implements PanacheRepositoryBase<TrackRootCause, UUID> {}
