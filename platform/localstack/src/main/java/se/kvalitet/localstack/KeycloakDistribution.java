package se.kvalitet.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Keycloak prepared once, started many times.
 *
 * <p>{@code kc.sh start-dev} re-runs Keycloak's build (Quarkus augmentation, over a minute on two
 * busy cores) on every start, and writes its result into the distribution's own {@code lib/quarkus}:
 * two stacks sharing one unpacked distribution rebuilt it under each other. Instead:
 * <ol>
 * <li>{@link #built}: the unpacked distribution is linked into a sibling directory per set of build
 * options ({@code keycloak-<version>-optimized-<hash>}) and {@code kc.sh build} runs there once;
 * later starts use {@code kc.sh start --optimized}.</li>
 * <li>{@link #realmDatabase}: {@code kc.sh import} creates Keycloak's schema and imports the realm
 * into an H2 file once per realm content ({@code templates/<hash>/keycloakdb.mv.db}); an instance
 * starts from a copy of it, so neither the schema creation nor the import is paid per start.</li>
 * <li>{@link #instanceHome}: each stack gets its own Keycloak home (hard links to the built
 * distribution, its own {@code data/}), so nothing one instance writes is seen by another.</li>
 * </ol>
 * Preparing is guarded by a file lock, so parallel builds (a test next to {@code run-local.sh}) wait
 * for each other instead of preparing the same directory twice.
 */
final class KeycloakDistribution {

    /** Options Keycloak fixes at build time; runtime options go to {@code start}. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");

    static final String DATABASE_FILE = "keycloakdb.mv.db";
    private static final String MARKER = ".kvalitet-built";
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private KeycloakDistribution() {}

    /**
     * The distribution built with {@link #BUILD_OPTIONS}, next to {@code pristine}; built now when
     * it is not there yet.
     */
    static Path built(Path pristine, Path javaHome, Duration timeout, Consumer<String> progress) {
        String key = hash(String.join(" ", BUILD_OPTIONS) + "\n" + version(pristine));
        Path dir = pristine.resolveSibling(pristine.getFileName() + "-optimized-" + key);
        if (isComplete(dir, key)) {
            return dir;
        }
        return underLock(dir.resolveSibling(dir.getFileName() + ".lock"), () -> {
            if (isComplete(dir, key)) {
                return dir;
            }
            progress.accept("building Keycloak once for optimized starts (kc.sh build "
                    + String.join(" ", BUILD_OPTIONS) + ") into " + dir);
            long t = System.nanoTime();
            Path work = dir.resolveSibling(
                    dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            LocalStack.deleteRecursively(work);
            LocalStack.deleteRecursively(dir);
            // lib/quarkus is what the build rewrites: a copy, never a link to the pristine files
            linkTree(
                    pristine,
                    work,
                    Set.of(Path.of("data"), Path.of(".unpack-markers")),
                    Set.of(Path.of("lib", "quarkus"), Path.of("conf")));
            List<String> cmd = new ArrayList<>(
                    List.of("/bin/bash", work.resolve("bin/kc.sh").toString(), "build"));
            cmd.addAll(BUILD_OPTIONS);
            Path log = dir.resolveSibling(dir.getFileName() + ".build.log");
            ChildProcess.runToEnd("keycloak-build", cmd, javaEnv(javaHome), work, log, timeout);
            write(work.resolve(MARKER), key);
            try {
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not move " + work + " to " + dir, e);
            }
            progress.accept("Keycloak built in " + Cli.seconds(Duration.ofNanos(System.nanoTime() - t)) + " s (log "
                    + log + ")");
            return dir;
        });
    }

    /**
     * An H2 database file with Keycloak's schema and {@code realm} imported, made once per realm
     * content with {@code kc.sh import} in {@code built}.
     */
    static Path realmDatabase(Path built, byte[] realm, Path javaHome, Duration timeout, Consumer<String> progress) {
        String key = hash(new String(realm, StandardCharsets.UTF_8));
        Path dir = built.resolve("templates").resolve(key);
        Path db = dir.resolve(DATABASE_FILE);
        if (isComplete(dir, key)) {
            return db;
        }
        return underLock(built.resolve("templates").resolve(key + ".lock"), () -> {
            if (isComplete(dir, key)) {
                return db;
            }
            progress.accept(
                    "creating Keycloak's database with the realm imported, once per realm content (" + dir + ")");
            long t = System.nanoTime();
            Path work =
                    dir.resolveSibling(key + ".tmp-" + ProcessHandle.current().pid());
            LocalStack.deleteRecursively(work);
            LocalStack.deleteRecursively(dir);
            try {
                Files.createDirectories(work);
                Files.write(work.resolve(LocalStack.REALM_FILE), realm);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // a throw-away home of its own: the import writes data/ like a server does
            Path home = instanceHome(built, work.resolve("home"));
            List<String> cmd = List.of(
                    "/bin/bash",
                    home.resolve("bin/kc.sh").toString(),
                    "import",
                    "--optimized",
                    "--file=" + work.resolve(LocalStack.REALM_FILE),
                    "--cache=local",
                    "--http-host=127.0.0.1",
                    "--http-management-port=" + se.kvalitet.testing.FreePorts.pick(),
                    "--db-url=" + h2Url(work.resolve(DATABASE_FILE)));
            Map<String, String> env = javaEnv(javaHome);
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", LocalStack.KEYCLOAK_ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", LocalStack.KEYCLOAK_ADMIN_PASSWORD);
            ChildProcess.runToEnd("keycloak-import", cmd, env, home, work.resolve("import.log"), timeout);
            if (!Files.isRegularFile(work.resolve(DATABASE_FILE))) {
                throw new IllegalStateException("kc.sh import made no " + DATABASE_FILE + " in " + work);
            }
            try {
                LocalStack.deleteRecursively(home);
                Files.deleteIfExists(work.resolve(LocalStack.REALM_FILE));
                write(work.resolve(MARKER), key);
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            progress.accept("Keycloak's realm database ready in " + Cli.seconds(Duration.ofNanos(System.nanoTime() - t))
                    + " s");
            return db;
        });
    }

    /**
     * A private Keycloak home at {@code home}: hard links to {@code built} (a copy where links are
     * not possible), with an empty {@code data/} of its own. Replaces what was there.
     */
    static Path instanceHome(Path built, Path home) {
        LocalStack.deleteRecursively(home);
        linkTree(built, home, Set.of(Path.of("data"), Path.of("templates"), Path.of(MARKER)), Set.of(Path.of("conf")));
        try {
            Files.createDirectories(home.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    /** The H2 JDBC URL of a Keycloak database file ({@code …/keycloakdb.mv.db}). */
    static String h2Url(Path databaseFile) {
        String name = databaseFile.getFileName().toString();
        String base = name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
        return "jdbc:h2:file:" + databaseFile.toAbsolutePath().getParent().resolve(base) + ";NON_KEYWORDS=VALUE";
    }

    static Map<String, String> javaEnv(Path javaHome) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", javaHome.toString());
        return env;
    }

    /**
     * Copies {@code from} to {@code to} as hard links, except {@code skip} (left out) and
     * {@code copy} (real copies); falls back to copying when the file system refuses links.
     */
    static void linkTree(Path from, Path to, Set<Path> skip, Set<Path> copy) {
        try {
            Files.createDirectories(to);
            boolean[] links = {true};
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path rel = from.relativize(dir);
                    if (skip.contains(rel)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(rel.toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path rel = from.relativize(file);
                    if (skip.contains(rel)) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path target = to.resolve(rel.toString());
                    boolean copyIt =
                            attrs.isSymbolicLink() || !links[0] || copy.stream().anyMatch(rel::startsWith);
                    if (!copyIt) {
                        try {
                            Files.createLink(target, file);
                            return FileVisitResult.CONTINUE;
                        } catch (FileAlreadyExistsException e) {
                            throw e;
                        } catch (IOException | UnsupportedOperationException e) {
                            links[0] = false;
                        }
                    }
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not link " + from + " to " + to, e);
        }
    }

    private interface Work<T> {
        T run();
    }

    /** Runs {@code work} holding an exclusive lock on {@code lockFile} (other processes) and a lock of this JVM. */
    private static <T> T underLock(Path lockFile, Work<T> work) {
        IN_THIS_JVM.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = ch.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock " + lockFile, e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    private static boolean isComplete(Path dir, String key) {
        try {
            return Files.isRegularFile(dir.resolve(MARKER))
                    && Files.readString(dir.resolve(MARKER)).strip().equals(key);
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version(Path pristine) {
        try {
            Path v = pristine.resolve("version.txt");
            return Files.isRegularFile(v)
                    ? Files.readString(v).strip()
                    : pristine.getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
