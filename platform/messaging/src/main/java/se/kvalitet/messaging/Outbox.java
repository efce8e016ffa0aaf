package se.kvalitet.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCatalog;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;

/**
 * Records an event in the outbox inside the caller's transaction: the row commits or rolls back
 * with the state change it describes. The relay publishes it after commit.
 */
@ApplicationScoped
public class Outbox {

    /** MDC key the HTTP layer puts the request's correlation id under. */
    public static final String CORRELATION_MDC_KEY = "correlationId";

    private static final Object WAKE_KEY = new Object();

    @Inject
    DataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelayRunner relay;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kvalitet.events.source", defaultValue = "/kvalitet/${quarkus.application.name}")
    String source;

    /** Writes {@code event} to the outbox; must run inside the transaction of the state change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(DomainEvent event) {
        Object correlation = MDC.get(CORRELATION_MDC_KEY);
        EventEnvelope envelope = EventCodec.envelope(
                event, URI.create(source), clock.instant(), correlation == null ? null : correlation.toString());
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
