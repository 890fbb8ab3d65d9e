package org.apiary.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of design.md §2, checked on the compiled classes of every module. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Our modules arrive as jars or class folders in a reactor build; skip everything else.
                .withImportOption(location -> location.contains("apiary-") || location.contains("/target/classes"))
                .importPackages("org.apiary");
    }

    @Test
    void apiDoesNotReachIntoStores() {
        noClasses().that().resideInAPackage("org.apiary.*.api..")
                .should().dependOnClassesThat().resideInAPackage("org.apiary.*.store..")
                .because("handlers go through domain services (design §2 rule 1)")
                .check(classes);
    }

    @Test
    void domainKnowsNothingOfHttp() {
        noClasses().that().resideInAPackage("org.apiary.*.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apiary.http..", "io.helidon..")
                .because("domain code must run without a web server (design §2 rule 1)")
                .check(classes);
    }

    @Test
    void storesKnowNothingOfApiOrHttp() {
        noClasses().that().resideInAPackage("org.apiary.*.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apiary.*.api..", "org.apiary.http..")
                .check(classes);
    }

    @Test
    void onlyTheHttpModuleSeesTheServerLibrary() {
        noClasses().that().resideOutsideOfPackage("org.apiary.http..")
                .should().dependOnClassesThat().resideInAPackage("io.helidon..")
                .because("Helidon stays behind ApiRequest/ApiResponse so it can be swapped")
                .check(classes);
    }

    @Test
    void commonDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.apiary.common..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apiary.http..", "org.apiary.store..",
                        "org.apiary.identity..", "org.apiary.server..")
                .check(classes);
    }

    @Test
    void noSqlOutsideStores() {
        noClasses().that().resideOutsideOfPackages("org.apiary.store..", "org.apiary.*.store..", "org.apiary.server..")
                .and().resideOutsideOfPackage("org.apiary.identity") // composition roots wire stores
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..")
                .check(classes);
    }
}
