package se.kvalitet.report.rebuild;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.messaging.Inbox;
import se.kvalitet.report.readmodel.Projection;
import se.kvalitet.report.rows.Rows;
import se.kvalitet.web.ProblemException;

/**
 * The admin command that rebuilds every read model from the topics: empties the projections'
 * tables and their inbox rows in one transaction, then reads each topic from its beginning up to
 * the end offsets seen right after, applying every record through the inbox and the same
 * {@link Projection#applyAll} the live consumers use, a poll (up to 1000 records) per transaction. Live consumption goes on meanwhile: an event it
 * applies during the rebuild is in the inbox, so the replay skips it; the projections do not depend
 * on the order events of different aggregates arrive in, so the result equals a fresh consumption.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);

    /** A rebuild as stored in {@code read_model_rebuild}. */
    public record Status(
            UUID id,
            String status,
            Instant startedAt,
            Instant finishedAt,
            long eventsRead,
            String topics,
            String error) {}

    @Inject
    Instance<Projection> projections;

    @Inject
    EntityManager em;

    @Inject
    Inbox inbox;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "read-model-rebuild");
        t.setDaemon(true);
        return t;
    });

    void onStop(@Observes ShutdownEvent ev) {
        worker.shutdownNow();
    }

    /** Starts a rebuild (409 while one runs); returns its status row. */
    public Status start() {
        List<Projection> all = projections.stream().toList();
        String topics = all.stream().map(Projection::topic).sorted().collect(Collectors.joining(","));
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("LOCK TABLE read_model_rebuild IN EXCLUSIVE MODE")
                    .executeUpdate();
            long running = ((Number)
                            em.createNativeQuery("SELECT count(*) FROM read_model_rebuild WHERE status = 'RUNNING'")
                                    .getSingleResult())
                    .longValue();
            if (running > 0) {
                throw ProblemException.conflict("rebuild-running", "A rebuild of the read models is already running");
            }
            em.createNativeQuery("""
                    INSERT INTO read_model_rebuild (id, status, started_at, events_read, topics)
                    VALUES (:id, 'RUNNING', :at, 0, :topics)""")
                    .setParameter("id", id)
                    .setParameter("at", Timestamp.from(clock.instant()))
                    .setParameter("topics", topics)
                    .executeUpdate();
        });
        worker.submit(() -> run(id, all));
        return status(id);
    }

    public Status status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            return Rows.first(
                            Rows.tuples(em, """
                    SELECT id, status, started_at, finished_at, events_read, topics, error
                    FROM read_model_rebuild WHERE id = :id""").setParameter("id", id),
                            r -> new Status(
                                    r.uuid("id"),
                                    r.string("status"),
                                    r.instant("started_at"),
                                    r.instant("finished_at"),
                                    r.longValue("events_read"),
                                    r.string("topics"),
                                    r.string("error")))
                    .orElseThrow(() -> ProblemException.notFound("Rebuild " + id));
        });
    }

    void run(UUID id, List<Projection> all) {
        long read = 0;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                List<String> tables = all.stream()
                        .flatMap(p -> p.tables().stream())
                        .distinct()
                        .toList();
                em.createNativeQuery("TRUNCATE " + String.join(", ", tables)).executeUpdate();
                for (Projection p : all) {
                    em.createNativeQuery("DELETE FROM inbox_event WHERE consumer = :c")
                            .setParameter("c", p.consumer())
                            .executeUpdate();
                    em.createNativeQuery("DELETE FROM dead_letter_event WHERE consumer = :c")
                            .setParameter("c", p.consumer())
                            .executeUpdate();
                }
            });
            for (Projection p : all) {
                read += replay(id, p, read);
            }
            long total = read;
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery("""
                    UPDATE read_model_rebuild SET status = 'DONE', finished_at = :at, events_read = :n WHERE id = :id""")
                            .setParameter("at", Timestamp.from(clock.instant()))
                            .setParameter("n", total)
                            .setParameter("id", id)
                            .executeUpdate());
            LOG.infof("Read models rebuilt from %d events", total);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Read-model rebuild %s failed", id);
            String message = e.toString();
            long total = read;
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery("""
                    UPDATE read_model_rebuild SET status = 'FAILED', finished_at = :at, events_read = :n,
                        error = :error WHERE id = :id""")
                            .setParameter("at", Timestamp.from(clock.instant()))
                            .setParameter("n", total)
                            .setParameter("error", message.length() > 1000 ? message.substring(0, 1000) : message)
                            .setParameter("id", id)
                            .executeUpdate());
        }
    }

    /** Reads the projection's topic from the beginning to the end offsets seen now; returns the records read. */
    private long replay(UUID id, Projection p, long before) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "report-rebuild-" + p.consumer());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(p.topic(), Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(en -> en.getValue() <= consumer.position(en.getKey()));
            while (!end.isEmpty()) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long stop = end.get(tp);
                    if (stop != null && record.offset() < stop) {
                        batch.add(record);
                    }
                }
                inbox.processBatch(p.consumer(), batch, p::applyAll);
                read += batch.size();
                end.entrySet().removeIf(en -> consumer.position(en.getKey()) >= en.getValue());
                long n = before + read;
                QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery("UPDATE read_model_rebuild SET events_read = :n WHERE id = :id")
                                .setParameter("n", n)
                                .setParameter("id", id)
                                .executeUpdate());
            }
        }
        return read;
    }
}
