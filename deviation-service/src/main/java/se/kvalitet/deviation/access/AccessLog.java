package se.kvalitet.deviation.access;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.MDC;
import se.kvalitet.deviation.access.CaseAccessLogEntry.Action;
import se.kvalitet.web.Caller;
import se.kvalitet.web.CorrelationIdFilter;

/**
 * Writes the case access log ({@link se.kvalitet.deviation.access.CaseAccessLogEntry}). Granted access is
 * logged in the transaction of the read or write it records (no effect without its log line);
 * refused access (a 404 for a case that exists) in a transaction of its own, so that the refusal
 * is kept even though the request fails.
 *
 * <p>The lines are written with plain JDBC on the transaction's connection, all lines of a call in
 * one batch: they are append-only and never read back in the request, and persisting them as
 * entities (an identity insert each, executed at once, its generated key read back) was the
 * largest single part of the intake's CPU profile and one round trip per case of a listed page.
 */
@RequestScoped
public class AccessLog {

    private static final String INSERT =
            "INSERT INTO case_access_log (at, deviation_id, action, granted, subject, username,"
                    + " client_id, roles, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void granted(UUID deviationId, Action action) {
        write(List.of(deviationId), action, true);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void granted(Collection<UUID> deviationIds, Action action) {
        write(deviationIds, action, true);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void denied(UUID deviationId, Action action) {
        write(List.of(deviationId), action, false);
    }

    private void write(Collection<UUID> deviationIds, Action action, boolean granted) {
        if (deviationIds.isEmpty()) {
            return;
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String subject = caller.subject();
        String username = caller.username();
        String clientId = caller.clientId();
        String roles = String.join(",", new TreeSet<>(caller.roles()));
        Object cid = MDC.get(CorrelationIdFilter.MDC_KEY);
        String correlationId = cid == null ? null : cid.toString();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (UUID id : deviationIds) {
                    ps.setObject(1, at);
                    ps.setObject(2, id);
                    ps.setString(3, action.name());
                    ps.setBoolean(4, granted);
                    ps.setString(5, subject);
                    ps.setString(6, username);
                    ps.setString(7, clientId);
                    ps.setString(8, roles);
                    ps.setString(9, correlationId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
