package org.callrec.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

/**
 * The architecture rules of DESIGN.md and STYLE.md, each as one ArchUnit rule, so that the same
 * rule checks the main classes and is shown to reject a class that breaks it.
 */
final class ArchitectureRules {
    /** The root package of each module; a module's internal packages sit below its root. */
    static final List<String> MODULE_ROOTS = List.of("org.callrec.spi", "org.callrec.core",
            "org.callrec.storage.fs", "org.callrec.catalogue.jdbc", "org.callrec.asterisk",
            "org.callrec.testkit", "org.callrec.examples");

    /** The one class allowed to pick the system clock: the tool's entry point injects it. */
    static final String CLOCK_CHOOSER = "org.callrec.examples.cli.Main";

    /** The runnable embedding example is an application too, and picks its clock the same way. */
    static final String EXAMPLE_CLOCK_CHOOSER =
            "org.callrec.examples.embedding.EmbeddingExample";

    /** The SPI depends only on the JDK, SLF4J's API and Jakarta Validation's annotations. */
    static final ArchRule SPI_SEES_ONLY_JDK_AND_LISTED_APIS = classes()
            .that().resideInAPackage("org.callrec.spi..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..",
                    "org.callrec.spi..", "org.slf4j..", "jakarta.validation..", "")
            .because("integrators implement the SPI without pulling in Callrec's engine");

    /** Backends, catalogues and adapters see the SPI, never core, the tool or each other. */
    static final ArchRule BACKENDS_AND_ADAPTERS_SEE_ONLY_THE_SPI = noClasses()
            .that().resideInAnyPackage("org.callrec.storage..", "org.callrec.catalogue..",
                    "org.callrec.asterisk..")
            .should().dependOnClassesThat().resideInAnyPackage("org.callrec.core..",
                    "org.callrec.examples..", "org.callrec.testkit..")
            .because("a backend or adapter must work with any version of the engine");

    /** Core depends on no backend, catalogue, adapter or the tool built on it. */
    static final ArchRule CORE_SEES_NO_BACKEND = noClasses()
            .that().resideInAPackage("org.callrec.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.callrec.storage..",
                    "org.callrec.catalogue..", "org.callrec.asterisk..",
                    "org.callrec.examples..");

    /** Time comes from an injected clock; only the tool's entry point picks the system one. */
    static final ArchRule NOTHING_READS_THE_WALL_CLOCK = noClasses()
            .that().doNotHaveFullyQualifiedName(CLOCK_CHOOSER)
            .and().doNotHaveFullyQualifiedName(EXAMPLE_CLOCK_CHOOSER)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(LocalTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callConstructor(Date.class)
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .because("tests move a fixed clock, and deadlines must not depend on the host");

    /** Library modules log through SLF4J; only the command-line tool prints. */
    static final ArchRule LIBRARIES_NEVER_PRINT = noClasses()
            .that().resideOutsideOfPackage("org.callrec.examples..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .orShould().dependOnClassesThat().resideInAPackage("java.util.logging..")
            .because("an embedder decides where a library's output goes, through SLF4J");

    /** A module's internal packages are used only inside that module. */
    static final ArchRule INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE = internalPackagesRule();

    private ArchitectureRules() {
    }

    private static ArchRule internalPackagesRule() {
        CompositeArchRule rule = null;
        for (String root : MODULE_ROOTS) {
            ArchRule one = noClasses().that().resideOutsideOfPackage(root + "..")
                    .should().dependOnClassesThat().resideInAPackage(root + "..internal..")
                    .allowEmptyShould(true);
            rule = rule == null ? CompositeArchRule.of(one) : rule.and(one);
        }
        return rule;
    }
}
