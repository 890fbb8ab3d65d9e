package org.apiary.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiary.http.WebSocketRelay;
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
    void networkAgentContractStaysPlain() {
        noClasses().that().resideInAPackage("org.apiary.network.rpc..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apiary.network.api..",
                        "org.apiary.network.domain..", "org.apiary.network.store..", "org.apiary.http..",
                        "org.apiary.store..", "org.jdbi..", "java.sql..")
                .because("agents and the controller share only the records of network-rpc")
                .check(classes);
    }

    @Test
    void theBusKnowsNoServiceAndTheAgentNoController() {
        noClasses().that().resideInAPackage("org.apiary.bus..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apiary.network..", "org.apiary.agent..",
                        "org.apiary.privhelper..", "org.apiary.http..", "org.apiary.store..")
                .because("the bus carries JSON for any service; typed bindings use the callers' own interfaces")
                .check(classes);
        noClasses().that().resideInAPackage("org.apiary.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apiary.network.api..",
                        "org.apiary.network.domain..", "org.apiary.network.store..", "org.apiary.store..",
                        "org.apiary.privhelper.linux..", "org.apiary.privhelper.freebsd..",
                        "org.apiary.privhelper.host..")
                .because("the agent knows the controller only through network-rpc over the bus, and the host only "
                        + "through the helper's ops and client (design §2 rule 6)")
                .check(classes);
        noClasses().that().resideInAPackage("org.apiary.agent..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.apiary.http..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(WebSocketRelay.class))))
                .because("of the HTTP module the agent uses only the WebSocket relay of its console proxy; it serves "
                        + "no API")
                .check(classes);
    }

    @Test
    void computeUsesNoOtherServiceInternals() {
        noClasses().that().resideInAPackage("org.apiary.compute..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apiary.identity..", "org.apiary.image..",
                        "org.apiary.placement..", "org.apiary.network..")
                .because("services talk through their public APIs, not each other's classes")
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
