package se.kvalitet.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds processes of an earlier run that the pid files no longer describe: children of a launcher
 * killed with SIGKILL, and services or a Keycloak restarted by hand (the launcher's pid file then
 * names a dead process while the new one holds the port).
 *
 * <p>Every child the launcher starts carries {@code -Dkvalitet.localstack.state=<state dir>} on its
 * command line ({@link #marker}). A process that holds one of the stack's ports is recognised as
 * the stack's own when it has that marker, runs one of this repository's packaged service jars, or
 * runs a Keycloak home of this stack or of the Keycloak cache; anything else holding a port is
 * somebody else's and is left alone (the start then fails naming it). Linux only (reads
 * {@code /proc}); elsewhere nothing is found and only the pid files are used.
 */
final class StaleProcesses {

    static final String MARKER_PROPERTY = "kvalitet.localstack.state";

    private StaleProcesses() {}

    /** The command-line option that tags every child of the stack whose state lives in {@code stateDir}. */
    static String marker(Path stateDir) {
        return "-D" + MARKER_PROPERTY + "=" + stateDir.toAbsolutePath().normalize();
    }

    /** Live processes (other than this JVM) whose command line carries {@code marker} as a whole argument. */
    static List<ProcessHandle> tagged(String marker) {
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(h -> h.pid() != self)
                    .filter(h -> arguments(h).contains(marker))
                    .toList();
        }
    }

    /** The pid of the process listening on TCP {@code port} (IPv4 or IPv6), when it can be found. */
    static Optional<ProcessHandle> listener(int port) {
        Set<String> inodes = new java.util.HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (f.length < 10 || !f[3].equals("0A")) {
                        continue;
                    }
                    String local = f[1];
                    int colon = local.lastIndexOf(':');
                    if (colon > 0 && Integer.parseInt(local.substring(colon + 1), 16) == port) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux, or the table is unreadable: nothing to find
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(
                            p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                    for (Path fd : fds.toList()) {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith("socket:[")
                                    && inodes.contains(target.substring(8, target.length() - 1))) {
                                return ProcessHandle.of(
                                        Long.parseLong(proc.getFileName().toString()));
                            }
                        } catch (IOException | UnsupportedOperationException e) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The command line as separate arguments (from {@code /proc/<pid>/cmdline} where available). */
    static List<String> arguments(ProcessHandle h) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < raw.length) {
                args.add(new String(raw, start, raw.length - start, java.nio.charset.StandardCharsets.UTF_8));
            }
            return args;
        } catch (IOException e) {
            List<String> args = new ArrayList<>();
            h.info().command().ifPresent(args::add);
            h.info().arguments().ifPresent(a -> args.addAll(List.of(a)));
            return args;
        }
    }

    /** The process's working directory, when readable. */
    static Optional<Path> workingDirectory(ProcessHandle h) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code h} is recognisably a process of this stack: it carries {@code marker}, runs one
     * of {@code jars} (also given relative to its working directory), or runs Keycloak from a
     * directory under one of {@code keycloakRoots}.
     */
    static boolean isOurs(ProcessHandle h, String marker, Set<Path> jars, Set<Path> keycloakRoots) {
        List<String> args = arguments(h);
        if (args.contains(marker)) {
            return true;
        }
        if (args.stream().anyMatch(a -> a.startsWith("-D" + MARKER_PROPERTY + "="))) {
            return false; // a child of another stack (another state directory)
        }
        Optional<Path> cwd = workingDirectory(h);
        for (String a : args) {
            if (a.endsWith("quarkus-run.jar") && !a.contains("kc.home.dir")) {
                Path jar = Path.of(a);
                Path absolute =
                        jar.isAbsolute() ? jar : cwd.map(c -> c.resolve(jar)).orElse(jar);
                if (jars.contains(absolute.toAbsolutePath().normalize())) {
                    return true;
                }
            }
            if (a.startsWith("-Dkc.home.dir=")) {
                Path home = Path.of(a.substring("-Dkc.home.dir=".length()).replace("'", ""))
                        .toAbsolutePath()
                        .normalize();
                for (Path root : keycloakRoots) {
                    if (home.startsWith(root.toAbsolutePath().normalize())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One line about a process for messages: pid and command line, shortened. */
    static String describe(ProcessHandle h) {
        String cmd = String.join(" ", arguments(h));
        return "pid " + h.pid() + " (" + (cmd.length() > 160 ? cmd.substring(0, 160) + " …" : cmd) + ")";
    }
}
