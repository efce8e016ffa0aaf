package se.kvalitet.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import se.kvalitet.testing.FreePorts;
import se.kvalitet.testing.KafkaBroker;

/**
 * A Kafka broker in a child JVM, so a benchmark can freeze it the way a stalled machine or a
 * stop-the-world pause does: {@code SIGSTOP} keeps its sockets open and unanswered, unlike a clean
 * shutdown that closes them. {@link #main} runs in the child; {@link #start} launches it.
 */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Child side: {@code <port> <log dir> <ready file>}; runs until killed. */
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.start(Integer.parseInt(args[0]), Path.of(args[1]));
        Files.writeString(Path.of(args[2]), broker.bootstrapServers());
        Thread.currentThread().join();
    }

    static BrokerProcess start(Path dir) {
        try {
            Files.createDirectories(dir);
            int port = FreePorts.pick();
            Path ready = dir.resolve("ready");
            Files.deleteIfExists(ready);
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.add("-Xmx512m");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(BrokerProcess.class.getName());
            cmd.add(Integer.toString(port));
            cmd.add(dir.resolve("data").toString());
            cmd.add(ready.toString());
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("broker.log").toFile())
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(ready)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("Kafka child did not start; see " + dir.resolve("broker.log"));
                }
                Thread.sleep(100);
            }
            return new BrokerProcess(p, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Freezes every thread of the broker (SIGSTOP). */
    void freeze() {
        signal("-STOP");
    }

    /** Lets it run again (SIGCONT). */
    void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            int rc = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill " + signal + " failed: " + rc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thaw();
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
