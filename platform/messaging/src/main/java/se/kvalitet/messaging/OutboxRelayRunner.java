package se.kvalitet.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link OutboxRelay} on a thread of its own: woken right after a transaction that wrote
 * outbox rows commits, and otherwise every {@code kvalitet.outbox.relay.poll-interval}; while
 * Kafka is down it backs off exponentially up to {@code max-backoff} and keeps every row.
 *
 * <p>A wake-up waits {@code kvalitet.outbox.relay.coalesce} (default 10 ms) before the pass, so
 * that the commits of that moment go out in one pass: under load, one pass per commit made the
 * relay's own transaction, Kafka produce request and the consumers' fetches cost more than the
 * commits they published (intake benchmark). Events reach Kafka at most that much later.
 *
 * <p>The replica's {@link MessagingInstance} name holds the relay lease, so one replica publishes
 * at a time and a restarted replica resumes at once; {@code kvalitet.outbox.relay.lease} is how
 * long another replica waits before it takes over from one that died. The producer retries a send
 * for {@code kvalitet.outbox.relay.delivery-timeout} (default 120 s) before the relay counts it as
 * failed, so a broker that pauses for less than that costs no duplicates.
 */
@ApplicationScoped
public class OutboxRelayRunner {

    private static final Logger LOG = Logger.getLogger(OutboxRelayRunner.class);

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kvalitet.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kvalitet.outbox.relay.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "kvalitet.outbox.relay.poll-interval", defaultValue = "1S")
    Duration pollInterval;

    @ConfigProperty(name = "kvalitet.outbox.relay.max-backoff", defaultValue = "10S")
    Duration maxBackoff;

    @ConfigProperty(name = "kvalitet.outbox.relay.delivery-timeout", defaultValue = "120S")
    Duration deliveryTimeout;

    @ConfigProperty(name = "kvalitet.outbox.relay.lease", defaultValue = "10S")
    Duration lease;

    @Inject
    MessagingInstance instance;

    @ConfigProperty(name = "kvalitet.outbox.retention", defaultValue = "P7D")
    Duration retention;

    @ConfigProperty(name = "kvalitet.outbox.relay.coalesce", defaultValue = "PT0.01S")
    Duration coalesce;

    private final AtomicLong publishingPasses = new AtomicLong();

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private OutboxRelay relay;

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            LOG.info("Outbox relay disabled (kvalitet.outbox.relay.enabled=false)");
            return;
        }
        relay = new OutboxRelay(
                dataSource, this::newProducer, batchSize, deliveryTimeout.plusSeconds(10), lease, instance.id(), clock);
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            wakeUp.release();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
                if (thread.isAlive()) {
                    // a pass still waits for Kafka: what is unacknowledged stays unsent for the next start
                    relay.abort();
                    thread.join(TimeUnit.SECONDS.toMillis(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            relay.close();
        }
    }

    /** Asks the relay to publish now (called after a commit that wrote outbox rows). */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        Instant nextPurge = clock.instant();
        while (running) {
            try {
                OutboxRelay.Result r = relay.relayOnce();
                if (r.failed()) {
                    sleep(backoff);
                    backoff = min(backoff.multipliedBy(2), maxBackoff);
                    continue;
                }
                backoff = Duration.ofMillis(200);
                if (r.sent() > 0) {
                    publishingPasses.incrementAndGet();
                }
                if (clock.instant().isAfter(nextPurge)) {
                    purge();
                    nextPurge = clock.instant().plus(Duration.ofHours(1));
                }
                if (r.sent() < batchSize) {
                    if (wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)
                            && !coalesce.isZero()
                            && running) {
                        // let the other commits of this moment join the pass
                        Thread.sleep(coalesce.toMillis(), coalesce.toNanosPart() % 1_000_000);
                    }
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Outbox relay pass failed (%s); retrying in %s", e.toString(), backoff);
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), maxBackoff);
            }
        }
    }

    /** How many passes have published at least one event since the start (for tests and diagnostics). */
    long publishingPasses() {
        return publishingPasses.get();
    }

    private void purge() throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection()) {
            int n = OutboxStore.purgeSent(c, clock.instant().minus(retention));
            if (n > 0) {
                LOG.debugf("Outbox: purged %d published events older than %s", n, retention);
            }
        }
    }

    private void sleep(Duration d) {
        try {
            wakeUp.tryAcquire(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    KafkaProducer<String, byte[]> newProducer() {
        Properties p = producerProperties(bootstrapServers);
        // Kafka refuses a delivery timeout shorter than one request plus the linger time
        long floor = Long.parseLong(p.getProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG))
                + Long.parseLong(p.getProperty(ProducerConfig.LINGER_MS_CONFIG));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(floor, deliveryTimeout.toMillis())));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Idempotent, acks=all, ordered per partition. A request that gets no answer is retried after 5 s
     * (the broker drops the repeats of what it already wrote) until {@code delivery.timeout.ms}, 120 s:
     * long enough to ride out a broker pause or restart without the relay sending anything twice.
     * {@code send()} itself blocks at most 5 s (metadata, full buffer); the relay holds no
     * transaction meanwhile.
     */
    public static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return p;
    }
}
