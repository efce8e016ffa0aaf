package se.kvalitet.followup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the service, checked on its compiled main classes: feature packages whose
 * dependencies point one way, application code that never reaches into the HTTP layer, a pure
 * domain, and resources that leave data access to repositories and query classes. The allowed
 * arrows are listed in the README.
 */
class ArchitectureTest {

    static final String BASE = "se.kvalitet.followup";

    /**
     * The HTTP layer: JAX-RS resources ({@code @Path}) and the request/response records of a
     * feature's {@code *Api} class. Command records, entities and read models are not part of it.
     */
    static final DescribedPredicate<JavaClass> REST_LAYER = DescribedPredicate.describe(
            "the REST layer (@Path resources and *Api records)",
            c -> c.isAnnotatedWith(Path.class)
                    // ours only: a library's *Resource (Olingo's UriResource, the OData feed's URI model) is not our
                    // REST layer
                    || (c.getPackageName().startsWith(BASE) && c.getSimpleName().endsWith("Resource"))
                    || isApi(c));

    static boolean isApi(JavaClass c) {
        if (c.getSimpleName().endsWith("Api")) {
            return true;
        }
        return c.getEnclosingClass().map(ArchitectureTest::isApi).orElse(false);
    }

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void applicationCodeNeverImportsTheRestLayer() {
        ArchRule rule = noClasses()
                .that(DescribedPredicate.not(REST_LAYER))
                .should()
                .dependOnClassesThat(REST_LAYER)
                .because(
                        "application services take their own command records; the resource maps request → command and result → response");
        rule.check(classes);
    }

    /** Services share only platform/*: no class here uses another service's code (ADR 3). */
    @Test
    void neverImportsAnotherService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.kvalitet.deviation..",
                        "se.kvalitet.registry..",
                        "se.kvalitet.report..",
                        "se.kvalitet.gateway..")
                .check(classes);
    }

    @Test
    void theDomainHasNoFrameworkImports() {
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
                        "io.vertx..",
                        "com.fasterxml..")
                .because("rules are computed without the framework (README: package map)")
                .check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void resourcesLeaveDataAccessToRepositoriesAndQueryClasses() {
        noClasses()
                .that(REST_LAYER)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(EntityManager.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(DataSource.class)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("java.sql..")
                .check(classes);
    }
}
