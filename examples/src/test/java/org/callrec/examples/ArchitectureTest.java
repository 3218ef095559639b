package org.callrec.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the direction of dependencies between the modules, as DESIGN.md states it. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.callrec");
    }

    @Test
    void spiSeesNothingOfTheRestOfCallrec() {
        ArchRule rule = noClasses().that().resideInAPackage("org.callrec.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("org.callrec.core..",
                        "org.callrec.storage..", "org.callrec.catalogue..",
                        "org.callrec.asterisk..", "org.callrec.examples..");

        rule.check(classes);
    }

    @Test
    void backendsCataloguesAndAdaptersSeeOnlyTheSpi() {
        ArchRule rule = noClasses().that().resideInAnyPackage("org.callrec.storage..",
                        "org.callrec.catalogue..", "org.callrec.asterisk..")
                .should().dependOnClassesThat().resideInAnyPackage("org.callrec.core..",
                        "org.callrec.examples..");

        rule.check(classes);
    }

    @Test
    void coreDoesNotDependOnAnyBackendOrAdapter() {
        ArchRule rule = noClasses().that().resideInAPackage("org.callrec.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.callrec.storage..",
                        "org.callrec.catalogue..", "org.callrec.asterisk..",
                        "org.callrec.examples..");

        rule.check(classes);
    }

    @Test
    void nothingOutsideItsModuleUsesAnInternalPackage() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.callrec.core..")
                .should().dependOnClassesThat().resideInAPackage("org.callrec.core..internal..");

        rule.check(classes);
    }

    @Test
    void libraryCodeNeverReadsTheWallClockDirectly() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.callrec.examples..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone");

        rule.check(classes);
    }

    @Test
    void libraryCodeNeverPrintsToStandardStreamsOrUsesJavaUtilLogging() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.callrec.examples..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().dependOnClassesThat().resideInAPackage("java.util.logging..");

        rule.check(classes);
    }
}
