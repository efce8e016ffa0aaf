package se.kvalitet.e2e;

import java.nio.file.Path;
import se.kvalitet.localstack.LocalStack;

/**
 * The one running suite of the end-to-end test JVM: started by the first test class that needs it,
 * shared by the others (a start costs 2-3 minutes), stopped when the JVM exits.
 */
final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            LocalStack.Builder b = LocalStack.builder().temporary().randomPorts().keycloakInMemory(true).demoData(true)
                    .progress(line -> System.out.println("[stack] " + line));
            String root = System.getProperty("kvalitet.repo-root");
            if (root != null) {
                b.repoRoot(Path.of(root));
            }
            long t0 = System.nanoTime();
            LocalStack started = b.build().start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-stack-stop"));
            System.out.printf("[stack] suite ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            stack = started;
        }
        return stack;
    }
}
