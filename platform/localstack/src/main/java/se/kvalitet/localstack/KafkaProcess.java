package se.kvalitet.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import se.kvalitet.testing.KafkaBroker;

/**
 * The Kafka broker as a process of its own ({@code LocalStack.Builder#kafkaProcess}), so that it can
 * be paused (SIGSTOP) and killed like a real broker host; by default the broker runs inside the
 * launcher's JVM. Arguments: port, log directory, a file to create once the broker is up.
 */
public final class KafkaProcess {

    static final String READY_LINE = "kvalitet kafka ready";

    private KafkaProcess() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: KafkaProcess <port> <log dir> <ready file>");
            System.exit(2);
        }
        LocalStack.quietInfrastructureLogs();
        KafkaBroker broker = KafkaBroker.start(Integer.parseInt(args[0]), Path.of(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "kafka-shutdown"));
        Files.writeString(Path.of(args[2]), broker.bootstrapServers() + System.lineSeparator());
        System.out.println(READY_LINE + " on " + broker.bootstrapServers());
        stopped.await();
    }
}
