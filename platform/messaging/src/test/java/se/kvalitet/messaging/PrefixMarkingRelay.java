package se.kvalitet.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import se.kvalitet.events.EventCodec;

/**
 * The relay as it was before the per-record rework, kept only as the baseline of
 * {@link RelayPauseBenchmark}: one transaction with an advisory lock around the whole pass
 * (including every {@code send()} and the wait for acknowledgements), rows marked sent only up to
 * the first failed send, and the producer closed after any failure.
 */
final class PrefixMarkingRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PrefixMarkingRelay.class);
    /** Advisory lock key: "outbox" in ASCII. */
    private static final long LOCK_KEY = 0x6f7574626f78L;

    /** What one pass did. */
    record Result(int sent, boolean failed, boolean lockHeldElsewhere) {}

    private final DataSource dataSource;
    private final Supplier<Producer<String, byte[]>> producerFactory;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Clock clock;
    private Producer<String, byte[]> producer;

    PrefixMarkingRelay(
            DataSource dataSource,
            Supplier<Producer<String, byte[]>> producerFactory,
            int batchSize,
            Duration sendTimeout,
            Clock clock) {
        this.dataSource = dataSource;
        this.producerFactory = producerFactory;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
    }

    /** Publishes up to one batch of unsent rows. */
    synchronized Result relayOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return new Result(0, false, true);
                }
                List<OutboxStore.Row> rows = OutboxStore.unsent(c, batchSize);
                if (rows.isEmpty()) {
                    c.commit();
                    return new Result(0, false, false);
                }
                int ok = 0;
                String error = null;
                List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
                try {
                    Producer<String, byte[]> p = producer();
                    for (OutboxStore.Row row : rows) {
                        futures.add(p.send(new ProducerRecord<>(
                                row.topic(),
                                null,
                                row.key(),
                                row.envelope().data(),
                                EventCodec.headers(row.envelope()))));
                    }
                } catch (RuntimeException e) {
                    error = describe(e);
                }
                long deadline = System.nanoTime() + sendTimeout.toNanos();
                for (Future<RecordMetadata> f : futures) {
                    try {
                        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        if (error == null) {
                            ok++;
                        }
                    } catch (ExecutionException e) {
                        error = error == null ? describe(e.getCause()) : error;
                    } catch (java.util.concurrent.TimeoutException e) {
                        error = error == null ? "send timed out after " + sendTimeout : error;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        error = error == null ? "interrupted" : error;
                    }
                }
                List<Long> sent =
                        rows.subList(0, ok).stream().map(OutboxStore.Row::seq).toList();
                OutboxStore.markSent(c, sent, clock.instant());
                if (error != null) {
                    OutboxStore.markFailed(c, rows.get(ok).seq(), error);
                    resetProducer();
                    LOG.warnf(
                            "Outbox relay: %d of %d events published; will retry from event seq %d: %s",
                            ok, rows.size(), rows.get(ok).seq(), error);
                }
                c.commit();
                return new Result(ok, error != null, false);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producerFactory.get();
        }
        return producer;
    }

    private void resetProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing failed producer", e);
            }
            producer = null;
        }
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
