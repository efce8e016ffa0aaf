package se.kvalitet.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of the service (issue 17): feature packages whose dependencies point one way, a pure
 * {@code domain}, application services that do not know the HTTP layer, resources without
 * persistence plumbing. The allowed arrows are the table in the README; a new arrow is a design
 * decision, so it is added to {@link #ALLOWED} and the README together.
 */
class ArchitectureTest {

    private static final String BASE = "se.kvalitet.registry";

    /**
     * Feature → the packages it may use (besides itself). {@code domain} (pure rules), {@code codelist}
     * (the service's published code lists), {@code access} (roles) and {@code sql} (typed reads of
     * native rows) are below all features.
     */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("codelist", Set.of()),
            Map.entry("domain", Set.of("codelist")),
            Map.entry("access", Set.of()),
            Map.entry("sql", Set.of()),
            Map.entry("orgunit", Set.of("domain", "codelist", "access", "sql")),
            Map.entry("verksamhet", Set.of("orgunit", "domain", "codelist", "access", "sql")),
            Map.entry("requirement", Set.of("verksamhet", "orgunit", "domain", "codelist", "access", "sql")),
            Map.entry("cooperation", Set.of("domain", "codelist", "access", "sql")),
            Map.entry(
                    "document",
                    Set.of(
                            "cooperation",
                            "requirement",
                            "verksamhet",
                            "orgunit",
                            "domain",
                            "codelist",
                            "access",
                            "sql")),
            Map.entry(
                    "coverage", Set.of("requirement", "verksamhet", "orgunit", "domain", "codelist", "access", "sql")),
            Map.entry("review", Set.of("document", "orgunit", "domain", "codelist", "access", "sql")),
            Map.entry("search", Set.of("document", "orgunit", "domain", "codelist", "access", "sql")),
            Map.entry("risk", Set.of("document", "orgunit", "domain", "codelist", "access", "sql")),
            Map.entry("migration", Set.of("document", "orgunit", "domain", "codelist", "access", "sql")),
            Map.entry(
                    "demo",
                    Set.of(
                            "risk",
                            "document",
                            "cooperation",
                            "requirement",
                            "verksamhet",
                            "orgunit",
                            "domain",
                            "codelist",
                            "access",
                            "sql")));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    /** The HTTP layer: JAX-RS resources and their request/response records (the *Dtos holders). */
    private static final DescribedPredicate<JavaClass> HTTP_LAYER = DescribedPredicate.describe(
            "the HTTP layer (*Resource, *Dtos and their records)",
            c -> top(c).getSimpleName().endsWith("Resource")
                    || top(c).getSimpleName().endsWith("Dtos"));

    @Test
    void applicationCodeNeverUsesTheHttpLayer() {
        noClasses()
                .that(DescribedPredicate.not(HTTP_LAYER))
                .should()
                .dependOnClassesThat(HTTP_LAYER)
                .because("application services take their own command records; the resource maps request → command")
                .check(CLASSES);
    }

    /** Services share only platform/*: no class here uses another service's code (ADR 3). */
    @Test
    void neverImportsAnotherService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.kvalitet.deviation..",
                        "se.kvalitet.followup..",
                        "se.kvalitet.report..",
                        "se.kvalitet.gateway..")
                .check(CLASSES);
    }

    @Test
    void domainHasNoFrameworkImports() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..",
                        "javax.persistence..",
                        "io.quarkus..",
                        "org.hibernate..",
                        "io.smallrye..",
                        "org.eclipse.microprofile..",
                        "io.vertx..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void resourcesUseNeitherEntityManagerNorDataSource() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("javax.sql.DataSource")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.agroal.api.AgroalDataSource")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.hibernate.Session")
                .check(CLASSES);
    }

    /** Prints the package graph (feature → features it uses) and fails on an arrow the README does not allow. */
    @Test
    void featureDependenciesPointOnlyTheAllowedWay() {
        Map<String, Set<String>> graph = graph();
        StringBuilder out = new StringBuilder("process-registry-service package graph (feature -> uses):\n");
        graph.forEach((from, to) -> out.append(String.format("  %-12s -> %s%n", from, String.join(", ", to))));
        System.out.print(out);
        List<String> unexpected = graph.entrySet().stream()
                .flatMap(e -> e.getValue().stream()
                        .filter(to ->
                                !ALLOWED.getOrDefault(e.getKey(), Set.of()).contains(to))
                        .map(to -> e.getKey() + " -> " + to))
                .toList();
        assertThat(unexpected)
                .as("arrows not in ArchitectureTest.ALLOWED / the README")
                .isEmpty();
        assertThat(graph.keySet()).as("every package has a row in ALLOWED").isSubsetOf(ALLOWED.keySet());
    }

    static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass c : CLASSES) {
            String from = feature(c);
            if (from == null) {
                continue;
            }
            Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            c.getDirectDependenciesFromSelf().forEach(d -> {
                String target = feature(d.getTargetClass());
                if (target != null && !target.equals(from)) {
                    to.add(target);
                }
            });
        }
        return graph;
    }

    private static String feature(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(BASE + ".")) {
            return null;
        }
        String rest = pkg.substring(BASE.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static JavaClass top(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) {
            t = t.getEnclosingClass().get();
        }
        return t;
    }
}
