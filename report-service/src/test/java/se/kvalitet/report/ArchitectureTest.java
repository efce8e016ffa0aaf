package se.kvalitet.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The shape of report-service, checked on every build (the model the other services follow):
 * feature packages without cycles, chapters and renderers that never see HTTP, resources without an
 * EntityManager or DataSource, and no code of another service.
 */
class ArchitectureTest {

    static final String ROOT = "se.kvalitet.report";

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void neverImportsAnotherService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.kvalitet.deviation..",
                        "se.kvalitet.registry..",
                        "se.kvalitet.followup..",
                        "se.kvalitet.gateway..")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenFeaturePackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void contentAndRenderingNeverSeeHttp() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".content..", ROOT + ".render..", ROOT + ".readmodel..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ws.rs..")
                .check(CLASSES);
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
}
