package se.kvalitet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.Topics;

/**
 * What can be checked of deploy/ without a cluster: every YAML document parses, and every image,
 * port, environment variable, database and topic the manifests reference exists in the code's
 * configuration.
 */
class DeployManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("kvalitet.repo-root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Pattern IMAGE = Pattern.compile("kvalitet/([a-z-]+):.*");

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file);
                MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(r)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> s = Files.walk(DEPLOY)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    static Properties applicationProperties(String module) throws IOException {
        Properties p = new Properties();
        try (Reader r =
                Files.newBufferedReader(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p;
    }

    static Set<String> topics() throws IllegalAccessException {
        Set<String> t = new HashSet<>();
        for (Field f : Topics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                t.add((String) f.get(null));
            }
        }
        return t;
    }

    /** A container's view: image module, env name → value, ports. */
    record Container(String module, List<String[]> env, List<Integer> ports, String where) {}

    static List<Container> containers() throws IOException {
        List<Container> out = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (JsonNode doc : documents(file)) {
                // Kubernetes Deployments
                for (JsonNode c : doc.path("spec").path("template").path("spec").path("containers")) {
                    add(
                            out,
                            c.path("image").asText(),
                            c.path("env"),
                            c.path("ports"),
                            file + " " + c.path("name").asText(),
                            true);
                }
                // Compose services
                doc.path("services")
                        .fields()
                        .forEachRemaining(e -> add(
                                out,
                                e.getValue().path("image").asText(),
                                e.getValue().path("environment"),
                                e.getValue().path("ports"),
                                file + " " + e.getKey(),
                                false));
            }
        }
        return out;
    }

    /** Compose's environment map, with YAML merge keys ({@code <<: *anchor}) expanded (Jackson does not). */
    static void envFields(JsonNode env, List<String[]> vars) {
        env.fields().forEachRemaining(e -> {
            if (e.getKey().equals("<<")) {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(m -> envFields(m, vars));
                } else {
                    envFields(e.getValue(), vars);
                }
            } else {
                vars.add(new String[] {e.getKey(), e.getValue().asText()});
            }
        });
    }

    static void add(List<Container> out, String image, JsonNode env, JsonNode ports, String where, boolean k8s) {
        Matcher m = IMAGE.matcher(image);
        if (!m.matches()) {
            return;
        }
        List<String[]> vars = new ArrayList<>();
        if (env.isArray()) {
            env.forEach(e -> vars.add(
                    new String[] {e.path("name").asText(), e.path("value").asText(null)}));
        } else {
            envFields(env, vars);
        }
        List<Integer> p = new ArrayList<>();
        if (k8s) {
            ports.forEach(x -> p.add(x.path("containerPort").asInt()));
        }
        out.add(new Container(m.group(1), vars, p, where));
    }

    @Test
    void everyManifestParses() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(documents(f)).as(f.toString()).isNotEmpty();
        }
        JsonNode kustomization =
                documents(DEPLOY.resolve("k8s/base/kustomization.yaml")).get(0);
        for (JsonNode r : kustomization.path("resources")) {
            assertThat(DEPLOY.resolve("k8s/base").resolve(r.asText()))
                    .as("kustomize resource")
                    .exists();
        }
    }

    @Test
    void everyImageIsAModuleAndItsPortAndVariablesExistInItsConfiguration() throws IOException {
        List<Container> containers = containers();
        assertThat(containers)
                .extracting(Container::module)
                .contains(
                        "deviation-service",
                        "process-registry-service",
                        "followup-service",
                        "report-service",
                        "gateway");
        for (Container c : containers) {
            assertThat(ROOT.resolve(c.module()).resolve("pom.xml"))
                    .as(c.where())
                    .exists();
            Properties props = applicationProperties(c.module());
            // the image the manifests run is the one Quarkus builds: kvalitet/<artifactId>:<version>
            assertThat(props.getProperty("quarkus.container-image.group"))
                    .as(c.where() + " image group")
                    .isEqualTo("kvalitet");
            assertThat(Files.readString(ROOT.resolve(c.module()).resolve("pom.xml")))
                    .as(c.where() + " builds its image")
                    .contains("quarkus-container-image-jib");
            String port = props.getProperty("quarkus.http.port");
            for (String[] var : c.env()) {
                String name = var[0];
                String value = var[1];
                if (name.equals("QUARKUS_HTTP_PORT")) {
                    assertThat(value).as(c.where() + " port").isEqualTo(port);
                } else if (name.startsWith("KVALITET_")) {
                    String property = name.toLowerCase().replace('_', '.');
                    assertThat(props.stringPropertyNames().stream()
                                    .anyMatch(k -> k.replace('-', '.').equals(property)))
                            .as(c.where() + ": " + name + " must configure a property the module defines")
                            .isTrue();
                } else if (name.equals("QUARKUS_DATASOURCE_JDBC_URL") && value != null) {
                    String db = props.getProperty("quarkus.datasource.jdbc.url").replaceAll(".*/", "");
                    assertThat(value).as(c.where() + " database").endsWith("/" + db);
                } else {
                    assertThat(name).as(c.where() + " variable").matches("QUARKUS_[A-Z_]+|KAFKA_BOOTSTRAP_SERVERS");
                }
            }
            for (int p : c.ports()) {
                assertThat(Integer.toString(p)).as(c.where() + " containerPort").isEqualTo(port);
            }
        }
    }

    @Test
    void everyTopicOfTheCodeIsDeclaredAndNoOther() throws Exception {
        Set<String> declared = new HashSet<>();
        for (JsonNode doc : documents(DEPLOY.resolve("k8s/base/kafka.yaml"))) {
            if (doc.path("kind").asText().equals("KafkaTopic")) {
                declared.add(doc.path("metadata").path("name").asText());
            }
        }
        assertThat(declared).isEqualTo(topics());
    }
}
