package se.kvalitet.followup.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCatalog;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.messaging.OutboxRelayRunner;
import se.kvalitet.messaging.OutboxStore;

/**
 * The outbox for what the scheduler would have published on a past day: an imported initiative or occurrence that
 * was overdue at some time in its history gets its {@code initiative.overdue} / {@code egenkontroll.overdue} with
 * the time the scheduler would have sent it (the start of the day after the deadline or due day, in the
 * organisation's zone), in the import's transaction, exactly as platform/messaging's {@link Outbox} writes one with
 * the clock's time. So report-service's read models learn that it was late, and its notifications, which mail
 * nobody about an event older than {@code kvalitet.notification.max-event-age} (3 days), do not mail years of
 * history as if it were news. Raw JDBC through platform/messaging's {@link OutboxStore}: the outbox's own statement
 * (a structural reason: the envelope's time is the point).
 */
@ApplicationScoped
public class HistoryOutbox {

    private static final Object WAKE_KEY = new Object();

    @Inject
    DataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelayRunner relay;

    @ConfigProperty(name = "kvalitet.events.source", defaultValue = "/kvalitet/${quarkus.application.name}")
    String source;

    /** Writes {@code event} to the outbox as sent at the start of {@code day} in {@code zone}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publishOn(DomainEvent event, LocalDate day, ZoneId zone) {
        Object correlation = MDC.get(Outbox.CORRELATION_MDC_KEY);
        EventEnvelope envelope = EventCodec.envelope(
                event,
                URI.create(source),
                day.atStartOfDay(zone).toInstant(),
                correlation == null ? null : correlation.toString());
        try (Connection c = dataSource.getConnection()) {
            OutboxStore.insert(c, EventCatalog.topicOf(event.getClass()), envelope);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write event " + envelope.type() + " to the outbox", e);
        }
        if (transactions.getResource(WAKE_KEY) == null) {
            transactions.putResource(WAKE_KEY, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wake();
                    }
                }
            });
        }
        return envelope;
    }
}
