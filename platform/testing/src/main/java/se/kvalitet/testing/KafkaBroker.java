package se.kvalitet.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka KRaft broker (broker and controller in one) running inside this JVM.
 * It can be stopped and started again on the same port and log directory, to test what happens
 * to producers while Kafka is down.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Properties props;
    private final int port;
    private KafkaRaftServer server;

    private KafkaBroker(Properties props, int port) {
        this.props = props;
        this.port = port;
    }

    /**
     * Formats {@code logDir} when new and starts the broker.
     *
     * @param port   0 for any free port
     * @param logDir null for a throw-away directory
     */
    public static KafkaBroker start(int port, Path logDir) {
        try {
            int brokerPort = FreePorts.orPick(port);
            int controllerPort = FreePorts.pick();
            Path dir = logDir != null ? logDir : Files.createTempDirectory("kafka-");
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", dir.toAbsolutePath().toString());
            // a single node: the internal topics' default replication factor of 3 would never be met
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "5");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "5");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("num.partitions", "3");
            p.put("auto.create.topics.enable", "true");
            p.put("log.flush.interval.messages", "1000000");
            Path config = dir.resolve("server.properties");
            if (!Files.exists(dir.resolve("meta.properties"))) {
                try (var out = Files.newOutputStream(config)) {
                    p.store(out, "kvalitet embedded broker");
                }
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                int rc = StorageTool.execute(
                        new String[] {
                            "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"
                        },
                        new PrintStream(log, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException(
                            "kafka storage format failed: " + log.toString(StandardCharsets.UTF_8));
                }
            }
            KafkaBroker broker = new KafkaBroker(p, brokerPort);
            broker.startServer();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker; its data stays so {@link #restart()} brings the same topics back. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized void restart() {
        stop();
        startServer();
    }

    private synchronized void startServer() {
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        s.startup();
        server = s;
    }

    @Override
    public void close() {
        stop();
    }
}
