package se.kvalitet.deviation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/**
 * The shape of the service, checked on every build: feature packages whose dependencies point one way
 * (the arrows below, also in the README), a pure domain, application services that never see the REST
 * layer, and resources without an EntityManager or DataSource.
 */
class ArchitectureTest {

    static final String ROOT = "se.kvalitet.deviation";

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** The allowed arrows between the service's packages; anything else fails {@link #dependenciesPointOnlyAlongTheAllowedArrows}. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("domain", Set.of()),
            Map.entry("access", Set.of()),
            Map.entry("screening", Set.of()),
            Map.entry("report", Set.of("domain", "access")),
            Map.entry("clock", Set.of("domain", "report")),
            Map.entry("intake", Set.of("access", "report", "clock", "screening")),
            Map.entry("triage", Set.of("domain", "access", "report", "clock", "screening")),
            Map.entry("rootcause", Set.of("access", "report", "screening")),
            Map.entry("action", Set.of("domain", "access", "report", "clock", "screening")),
            Map.entry("notification", Set.of("domain", "access", "report", "clock", "screening")),
            Map.entry("complaint", Set.of("domain", "access", "report", "clock", "screening")),
            Map.entry(
                    "investigation", Set.of("domain", "access", "report", "clock", "screening", "rootcause", "action")),
            Map.entry(
                    "track",
                    Set.of(
                            "domain",
                            "access",
                            "report",
                            "clock",
                            "investigation",
                            "notification",
                            "complaint",
                            "rootcause")),
            Map.entry("messaging", Set.of("rootcause")),
            // the Idempotency-Key header's name and format check
            Map.entry("webhook", Set.of("intake")),
            // the migration import replays a past report through the live services (issue 16 item 1)
            Map.entry(
                    "migration",
                    Set.of(
                            "access",
                            "report",
                            "clock",
                            "intake",
                            "triage",
                            "investigation",
                            "notification",
                            "complaint",
                            "screening")),
            Map.entry(
                    "demo",
                    Set.of(
                            "domain",
                            "access",
                            "report",
                            "clock",
                            "intake",
                            "triage",
                            "investigation",
                            "notification",
                            "complaint",
                            "rootcause",
                            "action")));

    /**
     * This service's REST layer: its resources and API records. platform/web's problem and paging types
     * (ProblemException, Problem.FieldError, Page, PageParams) are the suite's shared contract for 4xx answers
     * and lists, which application services use by design.
     */
    static final DescribedPredicate<JavaClass> REST_LAYER =
            new DescribedPredicate<>("REST layer (resources and API records)") {
                @Override
                public boolean test(JavaClass c) {
                    JavaClass top = c.getEnclosingClass().orElse(c);
                    return !c.getPackageName().startsWith(ROOT)
                            ? false
                            : c.isAnnotatedWith(Path.class)
                                    || c.isAnnotatedWith(Schema.class)
                                    || top.getSimpleName().endsWith("Dtos")
                                    || top.isAnnotatedWith(Path.class);
                }
            };

    static final DescribedPredicate<JavaClass> APPLICATION =
            new DescribedPredicate<>("application services and queries") {
                @Override
                public boolean test(JavaClass c) {
                    return c.isAnnotatedWith(ApplicationScoped.class)
                            && !c.isAnnotatedWith(Path.class)
                            && !c.getSimpleName().endsWith("View")
                            && !c.getPackageName().startsWith(ROOT + ".demo");
                }
            };

    @Test
    void applicationCodeNeverImportsTheRestLayer() {
        noClasses()
                .that(APPLICATION)
                .or()
                .resideInAPackage(ROOT + ".domain..")
                .should()
                .dependOnClassesThat(REST_LAYER)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ws.rs..")
                .check(CLASSES);
    }

    /** Services share only platform/*: no class here uses another service's code (ADR 3). */
    @Test
    void neverImportsAnotherService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.kvalitet.registry..",
                        "se.kvalitet.followup..",
                        "se.kvalitet.report..",
                        "se.kvalitet.gateway..")
                .check(CLASSES);
    }

    @Test
    void domainHasNoFrameworkImports() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..",
                        "io.quarkus..",
                        "org.hibernate..",
                        "io.smallrye..",
                        "org.eclipse.microprofile..",
                        "com.fasterxml..",
                        "se.kvalitet.web..",
                        "se.kvalitet.messaging..")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenFeaturePackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void resourcesUseNoEntityManagerOrDataSource() {
        noClasses()
                .that()
                .areAnnotatedWith(Path.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(EntityManager.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(DataSource.class)
                .check(CLASSES);
    }

    @Test
    void dependenciesPointOnlyAlongTheAllowedArrows() {
        Map<String, Set<String>> actual = graph();
        System.out.println("deviation-service package dependencies (ArchUnit):");
        actual.forEach((from, to) -> System.out.println("  " + from + " -> " + String.join(", ", to)));
        Map<String, Set<String>> unexpected = new TreeMap<>();
        actual.forEach((from, to) -> {
            Set<String> extra = to.stream()
                    .filter(p -> !ALLOWED.getOrDefault(from, Set.of()).contains(p))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!extra.isEmpty()) {
                unexpected.put(from, extra);
            }
        });
        assertEquals(
                Map.of(), unexpected, "dependencies outside the allowed arrows (update the README with any new arrow)");
    }

    /** Package → the other packages of this service its classes use. */
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
        if (!pkg.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
