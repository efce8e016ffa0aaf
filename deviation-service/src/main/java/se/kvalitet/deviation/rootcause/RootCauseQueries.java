package se.kvalitet.deviation.rootcause;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.deviation.RootCause;

/** What a track's root causes add up to, for the events that close it. */
@ApplicationScoped
public class RootCauseQueries {

    @Inject
    EntityManager em;

    /** The distinct causes of a track, in the taxonomy's order. */
    public List<RootCause> causes(UUID trackId) {
        return em.createQuery("select distinct c.cause from TrackRootCause c where c.trackId = :t", RootCause.class)
                .setParameter("t", trackId)
                .getResultStream()
                .sorted()
                .toList();
    }

    /** The routines linked by a track's causes, ordered. */
    public List<UUID> routineIds(UUID trackId) {
        return em.createQuery(
                        "select distinct r from TrackRootCause c join c.routineIds r where c.trackId = :t order by r",
                        UUID.class)
                .setParameter("t", trackId)
                .getResultList();
    }
}
