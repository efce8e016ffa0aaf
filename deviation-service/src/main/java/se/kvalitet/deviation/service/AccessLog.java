package se.kvalitet.deviation.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.MDC;
import se.kvalitet.deviation.CaseAccessLogEntry;
import se.kvalitet.deviation.CaseAccessLogEntry.Action;
import se.kvalitet.web.Caller;
import se.kvalitet.web.CorrelationIdFilter;

/**
 * Writes the case access log. Granted access is logged in the transaction of the read or write
 * it records (no effect without its log line); refused access (a 404 for a case that exists) in a
 * transaction of its own, so that the refusal is kept even though the request fails.
 */
@RequestScoped
public class AccessLog {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void granted(UUID deviationId, Action action) {
        em.persist(entry(deviationId, action, true));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void granted(Collection<UUID> deviationIds, Action action) {
        for (UUID id : deviationIds) {
            em.persist(entry(id, action, true));
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void denied(UUID deviationId, Action action) {
        em.persist(entry(deviationId, action, false));
    }

    private CaseAccessLogEntry entry(UUID deviationId, Action action, boolean granted) {
        CaseAccessLogEntry e = new CaseAccessLogEntry();
        e.at = clock.instant();
        e.deviationId = deviationId;
        e.action = action;
        e.granted = granted;
        e.subject = caller.subject();
        e.username = caller.username();
        e.clientId = caller.clientId();
        e.roles = String.join(",", new TreeSet<>(caller.roles()));
        Object cid = MDC.get(CorrelationIdFilter.MDC_KEY);
        e.correlationId = cid == null ? null : cid.toString();
        return e;
    }
}
