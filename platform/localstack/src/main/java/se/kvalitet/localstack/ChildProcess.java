package se.kvalitet.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One operating-system process started by {@link LocalStack}: output to a log file, its pid in a
 * pid file (so a later start can clean up after a killed run), stopped together with its
 * descendants.
 */
final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    static ChildProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workingDir,
            Path logFile,
            Path pidFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(environment);
            Process p = pb.start();
            Files.writeString(pidFile, Long.toString(p.pid()) + System.lineSeparator());
            return new ChildProcess(name, p, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command), e);
        }
    }

    /**
     * Runs a command to its end (a build step): output to {@code logFile}; an exit code other than 0,
     * or not finishing within {@code timeout}, is an exception with the log's tail.
     */
    static void runToEnd(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workingDir,
            Path logFile,
            Duration timeout) {
        ChildProcess p = start(name, command, environment, workingDir, logFile, logFile.resolveSibling(name + ".pid"));
        try {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.stop(Duration.ofSeconds(10));
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds()
                        + " s. Last lines of " + logFile + ":\n" + p.tail(60));
            }
        } catch (InterruptedException e) {
            p.stop(Duration.ofSeconds(10));
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted", e);
        }
        p.deletePidFile();
        if (p.process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + p.process.exitValue()
                    + ". Last lines of " + logFile + ":\n" + p.tail(60));
        }
    }

    String name() {
        return name;
    }

    /** The process and its descendants, descendants first. */
    List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        return tree;
    }

    /** SIGKILL to the process and its descendants, as a crash or the OOM killer would; waits until they are gone. */
    void kill() {
        List<ProcessHandle> tree = tree();
        for (ProcessHandle h : tree) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the kernel reaps it
            }
        }
        deletePidFile();
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the process and its descendants. */
    void signal(String signal) {
        signal(signal, tree());
    }

    /** {@code kill -<signal>} to every process in {@code handles}. */
    static void signal(String signal, List<ProcessHandle> handles) {
        if (handles.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        handles.forEach(h -> cmd.add(Long.toString(h.pid())));
        try {
            Process k = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (k.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Calls {@code listener} with the exit code when the process ends. */
    void onExit(java.util.function.IntConsumer listener) {
        process.onExit().thenAccept(p -> listener.accept(p.exitValue()));
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until {@code url} answers 200.
     *
     * @throws IllegalStateException when the process exits, the deadline passes or {@code cancelled} turns true
     */
    void awaitHttpOk(String url, Duration timeout, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        int lastStatus = -1;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new IllegalStateException(name + ": start cancelled (shutting down)");
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before " + url
                        + " answered. Last lines of " + logFile + ":\n" + tail(60));
            }
            try {
                HttpResponse<Void> r = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                lastStatus = r.statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while waiting for " + url, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not become ready within " + timeout.toSeconds() + " s ("
                        + url + (lastStatus > 0 ? " answered " + lastStatus : " did not answer")
                        + "). Last lines of " + logFile + ":\n" + tail(60));
            }
            sleep(250);
        }
    }

    /**
     * Asks the process and its descendants to stop (SIGTERM), waits up to {@code grace}, then kills
     * whatever is left.
     */
    void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        stopTree(tree, grace);
        deletePidFile();
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a leftover pid file is checked against the live process table on the next start
        }
    }

    static void stopTree(List<ProcessHandle> tree, Duration grace) {
        // the root first: kc.sh forwards SIGTERM to its java process and waits for it
        for (int i = tree.size() - 1; i >= 0; i--) {
            tree.get(i).destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // forced below
                }
            }
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the kernel reaps it; nothing more to do from here
            }
        }
    }

    /**
     * Stops a process left behind by an earlier run that was killed without its shutdown hook: its
     * pid file still exists and the pid belongs to a live process whose command line contains
     * {@code marker}.
     *
     * @return true when something was stopped
     */
    static boolean reapLeftover(Path pidFile, String marker, Duration grace) {
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            boolean stopped = false;
            if (handle.isPresent()
                    && handle.get().isAlive()
                    && handle.get()
                            .info()
                            .commandLine()
                            .map(c -> c.contains(marker))
                            .orElse(false)) {
                List<ProcessHandle> tree = new ArrayList<>();
                handle.get().descendants().forEach(tree::add);
                tree.add(handle.get());
                stopTree(tree, grace);
                stopped = true;
            }
            Files.deleteIfExists(pidFile);
            return stopped;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The last {@code lines} lines of the log file. */
    String tail(int lines) {
        return tail(logFile, lines);
    }

    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int chunk = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[chunk];
            f.seek(length - chunk);
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            String[] all = text.split("\\R");
            int from = Math.max(0, all.length - lines);
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < all.length; i++) {
                sb.append("    ").append(all[i]).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
