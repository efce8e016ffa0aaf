package se.kvalitet.deviation.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/** Counts over actions for other features' events. */
@ApplicationScoped
public class ActionQueries {

    @Inject
    EntityManager em;

    /** How many actions were decided on a track. */
    public int countOnTrack(UUID trackId) {
        return em.createQuery("select count(a) from DeviationAction a where a.trackId = :t", Long.class)
                .setParameter("t", trackId).getSingleResult().intValue();
    }
}
