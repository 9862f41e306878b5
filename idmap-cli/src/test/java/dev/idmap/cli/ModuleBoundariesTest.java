package dev.idmap.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of DEVELOPERS.md, pinned on the production classes of every module. */
class ModuleBoundariesTest {

    static JavaClasses idmap;

    @BeforeAll
    static void importClasses() {
        idmap = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.idmap");
    }

    @Test
    void every_module_is_on_the_checked_classpath() {
        for (var module : java.util.List.of("core", "connectors", "sim", "service", "cli")) {
            org.assertj.core.api.Assertions.assertThat(idmap.containPackage("dev.idmap." + module))
                    .as("classes of module %s imported", module)
                    .isTrue();
        }
    }

    @Test
    void core_uses_no_spring() {
        noClasses()
                .that()
                .resideInAPackage("dev.idmap.core..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(idmap);
    }

    @Test
    void core_knows_no_connector_service_cli_or_simulator() {
        noClasses()
                .that()
                .resideInAPackage("dev.idmap.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.idmap.connectors..", "dev.idmap.service..", "dev.idmap.cli..", "dev.idmap.sim..")
                .check(idmap);
    }

    @Test
    void connectors_do_not_depend_on_the_service_or_spring() {
        noClasses()
                .that()
                .resideInAPackage("dev.idmap.connectors..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.idmap.service..", "dev.idmap.cli..", "org.springframework..")
                .check(idmap);
    }

    @Test
    void simulator_shares_no_code_with_the_engine() {
        noClasses()
                .that()
                .resideInAPackage("dev.idmap.sim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.idmap.core..", "dev.idmap.connectors..", "dev.idmap.service..", "dev.idmap.cli..")
                .check(idmap);
    }

    @Test
    void engine_does_not_know_the_simulator() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.idmap.core..", "dev.idmap.connectors..", "dev.idmap.service..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.idmap.sim..")
                .check(idmap);
    }

    @Test
    void spring_stays_in_the_service_and_its_launcher() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.idmap.core..", "dev.idmap.connectors..", "dev.idmap.sim..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(idmap);
    }

    @Test
    void the_console_goes_through_the_job_queue_not_the_tables_or_the_store() {
        noClasses()
                .that()
                .resideInAPackage("dev.idmap.service.console..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        dev.idmap.service.jobs.Jobs.class,
                        dev.idmap.service.lookup.LookupTable.class,
                        dev.idmap.service.storage.ReportStore.class)
                .check(idmap);
    }

    /**
     * Controllers go through the application service ({@code JobQueue}): no repository, no SQL, no database in a
     * controller, so each rule (visibility, expiry, rate, report access) lives in one place.
     */
    @Test
    void controllers_do_not_depend_on_repositories() {
        noClasses()
                .that()
                .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or()
                .areAnnotatedWith("org.springframework.stereotype.Controller")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.idmap.service.jobs.Jobs")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.idmap.service.lookup.LookupTable")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.jdbc..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("javax.sql.DataSource")
                .check(idmap);
    }

    /** What both products' connectors need lives in {@code connectors.atlassian}, not in the other product. */
    @Test
    void the_confluence_and_jira_connectors_do_not_import_each_other() {
        noClasses()
                .that()
                .resideInAPackage("dev.idmap.connectors.confluence..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.idmap.connectors.jira..")
                .check(idmap);
        noClasses()
                .that()
                .resideInAPackage("dev.idmap.connectors.jira..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.idmap.connectors.confluence..")
                .check(idmap);
    }
}
