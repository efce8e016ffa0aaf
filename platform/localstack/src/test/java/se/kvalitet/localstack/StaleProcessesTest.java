package se.kvalitet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the launcher recognises processes of its stack that its pid files no longer describe
 * (issue 18 item 7): by the tag on their command line, by the packaged jar they run, by the port
 * they hold; and that a process of another stack is never taken for one of ours.
 */
class StaleProcessesTest {

    @TempDir
    Path dir;

    @Test
    void aTaggedProcessIsFoundAndAnotherStacksIsNot() throws Exception {
        String mine = StaleProcesses.marker(dir.resolve("state"));
        String theirs = StaleProcesses.marker(dir.resolve("other"));
        Process ours = new ProcessBuilder("/bin/bash", "-c", "sleep 30; true", mine).start();
        Process other = new ProcessBuilder("/bin/bash", "-c", "sleep 30; true", theirs).start();
        try {
            List<Long> tagged =
                    StaleProcesses.tagged(mine).stream().map(ProcessHandle::pid).toList();
            assertThat(tagged)
                    .contains(ours.pid())
                    .doesNotContain(other.pid(), ProcessHandle.current().pid());
            assertThat(StaleProcesses.isOurs(ours.toHandle(), mine, Set.of(), Set.of()))
                    .isTrue();
            assertThat(StaleProcesses.isOurs(other.toHandle(), mine, Set.of(), Set.of(dir)))
                    .isFalse();
        } finally {
            ours.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServiceRestartedByHandIsRecognisedByItsJarEvenWithARelativePath() throws Exception {
        Path module = Files.createDirectories(dir.resolve("deviation-service"));
        Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        String marker = StaleProcesses.marker(dir.resolve("state"));
        // what a developer types in the module directory: java -jar target/quarkus-app/quarkus-run.jar
        Process byHand = new ProcessBuilder("/bin/bash", "-c", "sleep 30; true", "target/quarkus-app/quarkus-run.jar")
                .directory(module.toFile())
                .start();
        Process unrelated = new ProcessBuilder(
                        "/bin/bash", "-c", "sleep 30; true", "other/target/quarkus-app/quarkus-run.jar")
                .directory(module.toFile())
                .start();
        try {
            assertThat(StaleProcesses.isOurs(byHand.toHandle(), marker, Set.of(jar.toAbsolutePath()), Set.of()))
                    .isTrue();
            assertThat(StaleProcesses.isOurs(unrelated.toHandle(), marker, Set.of(jar.toAbsolutePath()), Set.of()))
                    .isFalse();
        } finally {
            byHand.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            unrelated.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theProcessHoldingAPortIsFound() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(StaleProcesses.listener(s.getLocalPort()))
                    .hasValueSatisfying(h -> assertThat(h.pid())
                            .isEqualTo(ProcessHandle.current().pid()));
        }
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        assertThat(StaleProcesses.listener(free)).isEmpty();
    }
}
