package se.kvalitet.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a JDK for Keycloak, which prefers Java 21 or newer while the suite itself is built for 17. */
final class Jdks {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private Jdks() {}

    record Jdk(Path home, int feature) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    /** The newest JDK of at least {@code minimum} under {@code root}, else the JVM running this code. */
    static Jdk preferred(Path root, int minimum) {
        return newestUnder(root, minimum).orElseGet(Jdks::current);
    }

    /** "25 at /usr/lib/jvm/..." for messages. */
    static String describeHome(Path home) {
        return describe(home).map(j -> j.feature() + " at " + j.home()).orElse(home.toString());
    }

    static Jdk current() {
        return new Jdk(
                Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    static Optional<Jdk> newestUnder(Path root, int minimum) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(Jdks::describe)
                    .flatMap(Optional::stream)
                    .filter(j -> j.feature() >= minimum)
                    .max(Comparator.comparingInt(Jdk::feature));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Jdk> describe(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)
                || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            if (!m.find()) {
                return Optional.empty();
            }
            return Optional.of(new Jdk(home.toRealPath(), Integer.parseInt(m.group(1))));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
