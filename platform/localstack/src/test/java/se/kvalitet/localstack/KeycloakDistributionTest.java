package se.kvalitet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private Keycloak home per stack: links to the built distribution, its own data, real copies where writes happen. */
class KeycloakDistributionTest {

    @TempDir
    Path dir;

    @Test
    void anInstanceHomeLinksTheDistributionAndHasItsOwnData() throws Exception {
        Path built = dir.resolve("keycloak-optimized");
        Files.createDirectories(built.resolve("bin"));
        Files.createDirectories(built.resolve("lib/lib/main"));
        Files.createDirectories(built.resolve("conf"));
        Files.createDirectories(built.resolve("data/h2"));
        Files.createDirectories(built.resolve("templates/abc"));
        Files.writeString(built.resolve("bin/kc.sh"), "#!/bin/sh\n");
        Files.writeString(built.resolve("lib/lib/main/a.jar"), "jar");
        Files.writeString(built.resolve("conf/keycloak.conf"), "# conf\n");
        Files.writeString(built.resolve("data/h2/keycloakdb.mv.db"), "someone else's database");
        Files.writeString(built.resolve("templates/abc/keycloakdb.mv.db"), "template");

        Path home = KeycloakDistribution.instanceHome(built, dir.resolve("state/keycloak-home"));

        assertThat(home.resolve("bin/kc.sh")).hasContent("#!/bin/sh");
        assertThat(inode(home.resolve("lib/lib/main/a.jar"))).isEqualTo(inode(built.resolve("lib/lib/main/a.jar")));
        assertThat(inode(home.resolve("conf/keycloak.conf"))).isNotEqualTo(inode(built.resolve("conf/keycloak.conf")));
        assertThat(home.resolve("data")).isEmptyDirectory();
        assertThat(home.resolve("templates")).doesNotExist();

        // a second start replaces the home: nothing of the last run's data survives
        Files.writeString(home.resolve("data/left-over"), "x");
        KeycloakDistribution.instanceHome(built, home);
        assertThat(home.resolve("data")).isEmptyDirectory();
    }

    @Test
    void linkTreeCopiesWhatItIsToldToCopyAndSkipsTheRest() throws Exception {
        Path from = dir.resolve("from");
        Files.createDirectories(from.resolve("lib/quarkus"));
        Files.createDirectories(from.resolve(".unpack-markers"));
        Files.writeString(from.resolve("lib/quarkus/generated-bytecode.jar"), "built");
        Files.writeString(from.resolve(".unpack-markers/m"), "x");
        KeycloakDistribution.linkTree(
                from, dir.resolve("to"), Set.of(Path.of(".unpack-markers")), Set.of(Path.of("lib", "quarkus")));
        Files.writeString(dir.resolve("to/lib/quarkus/generated-bytecode.jar"), "rebuilt");
        assertThat(from.resolve("lib/quarkus/generated-bytecode.jar")).hasContent("built");
        assertThat(dir.resolve("to/.unpack-markers")).doesNotExist();
    }

    @Test
    void theH2UrlNamesTheFileWithoutItsExtension() {
        assertThat(KeycloakDistribution.h2Url(Path.of("/s/keycloak/keycloakdb.mv.db")))
                .isEqualTo("jdbc:h2:file:/s/keycloak/keycloakdb;NON_KEYWORDS=VALUE");
    }

    private static Object inode(Path p) throws Exception {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }
}
