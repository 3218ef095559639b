package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.callrec.core.breaking.CoreUsingBackend;
import org.callrec.core.breaking.JavaUtilLoggingUser;
import org.callrec.core.breaking.StandardOutPrinter;
import org.callrec.core.breaking.WallClockReader;
import org.callrec.examples.breaking.InternalPackageUser;
import org.callrec.spi.breaking.SpiClassUsingCore;
import org.callrec.storage.breaking.BackendUsingCore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Holds the architecture of DESIGN.md on the main classes of every module, and shows that each
 * rule rejects a small class in the test sources that breaks it.
 */
class ArchitectureTest {
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.callrec");
    }

    @Nested
    class MainClasses {
        @Test
        void importsMainClassesOfEveryModuleAndNoTestClass() {
            boolean hasBreakingClass = mainClasses.stream()
                    .anyMatch(c -> c.getPackageName().endsWith(".breaking"));

            assertFalse(hasBreakingClass);
            for (String root : ArchitectureRules.MODULE_ROOTS) {
                if (!root.equals("org.callrec.testkit")) {
                    assertTrue(mainClasses.containPackage(root), root);
                }
            }
        }

        @Test
        void spiSeesOnlyTheJdkAndItsListedApis() {
            ArchitectureRules.SPI_SEES_ONLY_JDK_AND_LISTED_APIS.check(mainClasses);
        }

        @Test
        void backendsCataloguesAndAdaptersSeeOnlyTheSpi() {
            ArchitectureRules.BACKENDS_AND_ADAPTERS_SEE_ONLY_THE_SPI.check(mainClasses);
        }

        @Test
        void coreDoesNotDependOnAnyBackendOrAdapter() {
            ArchitectureRules.CORE_SEES_NO_BACKEND.check(mainClasses);
        }

        @Test
        void nothingReadsTheWallClockButTheToolsEntryPoint() {
            ArchitectureRules.NOTHING_READS_THE_WALL_CLOCK.check(mainClasses);
        }

        @Test
        void librariesNeverPrintToStandardStreamsOrUseJavaUtilLogging() {
            ArchitectureRules.LIBRARIES_NEVER_PRINT.check(mainClasses);
        }

        @Test
        void internalPackagesAreNotUsedFromOtherModules() {
            ArchitectureRules.INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE.check(mainClasses);
        }
    }

    @Nested
    class BreakingClasses {
        @Test
        void spiRuleRejectsAnSpiClassUsingCore() {
            assertRejects(ArchitectureRules.SPI_SEES_ONLY_JDK_AND_LISTED_APIS,
                    SpiClassUsingCore.class);
        }

        @Test
        void backendRuleRejectsABackendUsingCore() {
            assertRejects(ArchitectureRules.BACKENDS_AND_ADAPTERS_SEE_ONLY_THE_SPI,
                    BackendUsingCore.class);
        }

        @Test
        void coreRuleRejectsCoreUsingABackend() {
            assertRejects(ArchitectureRules.CORE_SEES_NO_BACKEND, CoreUsingBackend.class);
        }

        @Test
        void wallClockRuleRejectsAClassCallingInstantNow() {
            assertRejects(ArchitectureRules.NOTHING_READS_THE_WALL_CLOCK,
                    WallClockReader.class);
        }

        @Test
        void printingRuleRejectsAClassWritingToStandardOutput() {
            assertRejects(ArchitectureRules.LIBRARIES_NEVER_PRINT, StandardOutPrinter.class);
        }

        @Test
        void printingRuleRejectsAClassUsingJavaUtilLogging() {
            assertRejects(ArchitectureRules.LIBRARIES_NEVER_PRINT, JavaUtilLoggingUser.class);
        }

        @Test
        void internalRuleRejectsAnotherModuleUsingCoresInternalPackage() {
            assertRejects(ArchitectureRules.INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE,
                    InternalPackageUser.class);
        }

        private void assertRejects(ArchRule rule, Class<?> breaking) {
            JavaClasses imported = new ClassFileImporter().importClasses(breaking);

            EvaluationResult result = rule.evaluate(imported);

            assertTrue(result.hasViolation(), rule.getDescription());
            String report = result.getFailureReport().toString();
            assertTrue(report.contains(breaking.getName()), report);
        }
    }
}
