package se.kvalitet.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;
import se.kvalitet.events.EventCodec;

/**
 * Publishes committed outbox rows to Kafka in {@code seq} order and marks each row sent once Kafka
 * has acknowledged it.
 *
 * <p>One relay at a time per database publishes: the holder of the lease in
 * {@code outbox_relay_lease}, which it renews while it runs. A pass reads a batch of unsent rows
 * (one short statement), sends them, waits for each acknowledgement and then marks exactly the
 * acknowledged rows sent (a second short statement). No transaction or lock is held while Kafka is
 * slow or away; the lease is renewed meanwhile, so a pause longer than the lease does not hand the
 * outbox to another replica.
 *
 * <p>Outcomes are per record: a failed send leaves that row unsent (with {@code attempts} and
 * {@code last_error}) and the next pass sends it again, while the rows acknowledged around it stay
 * sent. Per-key order holds because a batch is a prefix of the unsent rows in {@code seq} order,
 * sent in that order by one idempotent producer: when a later record of a partition is
 * acknowledged, Kafka has written the earlier ones too, and a send that fails at once stops the
 * pass so nothing after it goes out first. The producer retries on its own (and without
 * duplicates) for up to {@code delivery.timeout.ms}, which is set to outlast a broker pause; only
 * what is still unacknowledged after that is sent again (at least once; consumers deduplicate
 * through their inbox). The producer is replaced only after an error it cannot recover from.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * What one pass did: rows acknowledged and marked sent, rows of the batch left unsent for the
     * next pass, and whether another relay holds the lease (then nothing was read).
     */
    public record Result(int sent, int unsent, boolean lockHeldElsewhere) {

        public boolean failed() {
            return unsent > 0;
        }
    }

    private final DataSource dataSource;
    private final Supplier<Producer<String, byte[]>> producerFactory;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Duration lease;
    private final String holder;
    private final Clock clock;
    /** Acknowledged rows whose marking failed (database away); marked before anything else is read. */
    private final Set<Long> ackedNotMarked = new LinkedHashSet<>();

    private volatile Producer<String, byte[]> producer;
    private boolean holdingLease;
    /** {@link System#nanoTime()} just before the statement that last took or renewed the lease. */
    private long leaseRenewedAt;

    /** A relay with a holder name of its own and a 10 s lease. */
    public OutboxRelay(
            DataSource dataSource,
            Supplier<Producer<String, byte[]>> producerFactory,
            int batchSize,
            Duration sendTimeout,
            Clock clock) {
        this(
                dataSource,
                producerFactory,
                batchSize,
                sendTimeout,
                Duration.ofSeconds(10),
                "relay-" + UUID.randomUUID(),
                clock);
    }

    /**
     * @param sendTimeout how long a pass waits for Kafka's acknowledgements at most (longer than the
     *                    producer's {@code delivery.timeout.ms}, which normally decides first)
     * @param lease       how long the lease lasts without renewal (the takeover delay after a
     *                    leader dies without releasing it)
     * @param holder      this relay's name in the lease; stable across restarts of one replica so a
     *                    restarted replica takes its lease back at once
     */
    public OutboxRelay(
            DataSource dataSource,
            Supplier<Producer<String, byte[]>> producerFactory,
            int batchSize,
            Duration sendTimeout,
            Duration lease,
            String holder,
            Clock clock) {
        this.dataSource = dataSource;
        this.producerFactory = producerFactory;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.lease = lease;
        this.holder = holder;
        this.clock = clock;
    }

    /** Publishes up to one batch of unsent rows, if this relay holds (or gets) the lease. */
    public synchronized Result relayOnce() throws SQLException {
        markAcknowledged(List.of());
        List<OutboxStore.Row> rows;
        try (Connection c = connection()) {
            if (!holdLease(c)) {
                return new Result(0, 0, true);
            }
            rows = OutboxStore.unsent(c, batchSize);
        }
        if (rows.isEmpty()) {
            return new Result(0, 0, false);
        }
        Outcomes outcomes = publish(rows);
        markAcknowledged(outcomes.acked);
        if (!outcomes.failed.isEmpty()) {
            try (Connection c = connection()) {
                OutboxStore.markFailed(c, outcomes.failed, outcomes.error);
            } catch (SQLException e) {
                LOG.debugf("could not count the failed attempts: %s", e);
            }
        }
        int unsent = rows.size() - outcomes.acked.size();
        if (unsent > 0) {
            LOG.warnf(
                    "Outbox relay: %d of %d events published, %d stay unsent and are sent again from seq %d: %s",
                    outcomes.acked.size(), rows.size(), unsent, outcomes.firstUnsent, outcomes.error);
        }
        if (outcomes.replaceProducer) {
            resetProducer();
        }
        return new Result(outcomes.acked.size(), unsent, false);
    }

    /** The rows' fates in one pass, in the order they were sent. */
    private static final class Outcomes {
        final List<Long> acked = new ArrayList<>();
        final List<Long> failed = new ArrayList<>();
        String error;
        long firstUnsent = -1;
        boolean replaceProducer;

        void fail(OutboxStore.Row row, Throwable cause) {
            failed.add(row.seq());
            if (error == null) {
                error = describe(cause);
            }
            firstUnsent = firstUnsent < 0 ? row.seq() : Math.min(firstUnsent, row.seq());
            if (!(cause instanceof RetriableException)) {
                replaceProducer = true;
            }
        }
    }

    private Outcomes publish(List<OutboxStore.Row> rows) {
        Outcomes out = new Outcomes();
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        try {
            Producer<String, byte[]> p = producer();
            for (OutboxStore.Row row : rows) {
                Future<RecordMetadata> f = p.send(new ProducerRecord<>(
                        row.topic(), null, row.key(), row.envelope().data(), EventCodec.headers(row.envelope())));
                futures.add(f);
                if (f.isDone() && failure(f) != null) {
                    // refused at once (no metadata, buffer full): nothing after it may go out first
                    break;
                }
            }
        } catch (RuntimeException e) {
            // the producer could not be made, or refused a record outright: that row and all after it wait
            out.fail(rows.get(futures.size()), e);
            out.replaceProducer = true;
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        long nextRenewal = leaseRenewedAt + renewEvery();
        Set<String> keysWithFailure = new HashSet<>();
        for (int i = 0; i < futures.size(); i++) {
            OutboxStore.Row row = rows.get(i);
            Throwable failure = null;
            while (true) {
                long now = System.nanoTime();
                if (now - nextRenewal >= 0) {
                    renewLease();
                    nextRenewal = System.nanoTime() + renewEvery();
                }
                long wait = Math.min(deadline - now, nextRenewal - now);
                try {
                    futures.get(i).get(Math.max(1, wait), TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (System.nanoTime() - deadline >= 0) {
                        failure = new org.apache.kafka.common.errors.TimeoutException(
                                "no acknowledgement within " + sendTimeout);
                        // its outcome is unknown: a fresh producer makes sure it is not delivered behind later records
                        out.replaceProducer = true;
                        break;
                    }
                } catch (ExecutionException e) {
                    failure = e.getCause();
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = e;
                    out.replaceProducer = true;
                    break;
                }
            }
            if (failure == null) {
                out.acked.add(row.seq());
                if (keysWithFailure.contains(row.topic() + '\u0000' + row.key())) {
                    LOG.warnf(
                            "Outbox relay: event seq %d of key %s was acknowledged although an earlier event of the "
                                    + "same key failed; consumers receive that one later",
                            row.seq(), row.key());
                }
            } else {
                out.fail(row, failure);
                keysWithFailure.add(row.topic() + '\u0000' + row.key());
            }
        }
        if (out.firstUnsent < 0 && futures.size() < rows.size()) {
            out.firstUnsent = rows.get(futures.size()).seq();
        }
        return out;
    }

    private static Throwable failure(Future<RecordMetadata> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Marks {@code acked} and whatever an earlier pass could not mark; keeps them for the next try if the database is away. */
    private void markAcknowledged(List<Long> acked) throws SQLException {
        ackedNotMarked.addAll(acked);
        if (ackedNotMarked.isEmpty()) {
            return;
        }
        try (Connection c = connection()) {
            OutboxStore.markSent(c, new ArrayList<>(ackedNotMarked), clock.instant());
        }
        ackedNotMarked.clear();
    }

    /**
     * Takes the lease, or renews it once a third of it has passed (one write every few seconds, not
     * one per pass); false when another relay holds it.
     */
    private boolean holdLease(Connection c) throws SQLException {
        long now = System.nanoTime();
        if (holdingLease && now - leaseRenewedAt < renewEvery()) {
            return true;
        }
        holdingLease = OutboxStore.acquireLease(c, holder, lease);
        if (holdingLease) {
            leaseRenewedAt = now;
        }
        return holdingLease;
    }

    private long renewEvery() {
        return Math.max(1, lease.toNanos() / 3);
    }

    /** Renews the lease while a pass waits for Kafka (a failure is tried again a third of the lease later). */
    private void renewLease() {
        long now = System.nanoTime();
        try (Connection c = connection()) {
            holdingLease = OutboxStore.acquireLease(c, holder, lease);
            if (holdingLease) {
                leaseRenewedAt = now;
            } else {
                LOG.warnf(
                        "Outbox relay %s lost its lease while waiting for Kafka; another relay publishes next", holder);
            }
        } catch (SQLException e) {
            LOG.debugf("could not renew the outbox relay lease: %s", e);
        }
    }

    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
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

    /**
     * Makes a pass that waits for an unreachable Kafka end now (at shutdown): the producer is closed
     * without waiting, so its unacknowledged records fail and stay unsent. Safe from any thread.
     */
    public void abort() {
        Producer<String, byte[]> p = producer;
        if (p != null) {
            try {
                p.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("aborting the producer", e);
            }
        }
    }

    /** The name this relay holds the lease under. */
    public String holder() {
        return holder;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        try (Connection c = connection()) {
            if (!ackedNotMarked.isEmpty()) {
                OutboxStore.markSent(c, new ArrayList<>(ackedNotMarked), clock.instant());
                ackedNotMarked.clear();
            }
            OutboxStore.releaseLease(c, holder);
            holdingLease = false;
        } catch (SQLException e) {
            LOG.debugf("could not release the outbox relay lease (it expires after %s): %s", lease, e);
        }
    }
}
