package dev.idmap.core.match;

import static dev.idmap.core.model.EntityType.*;
import static dev.idmap.core.testing.Sites.entity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.testing.Scenario;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jira matching rules as specifications, each from a small fixture of site data run through the real engine
 * and staging database. Subclasses supply the database (H2 and PostgreSQL).
 */
abstract class JiraMatchingSpecification {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path output;

    abstract DataSource database();

    Scenario.Result map(Scenario scenario) {
        return map(scenario, Set.of());
    }

    Scenario.Result map(Scenario scenario, Set<EntityType> types) {
        var runId = getClass().getSimpleName() + "-" + RUNS.incrementAndGet();
        return scenario.run(database(), output.resolve(runId), runId, types, Set.of());
    }

    static Scenario aMigratedProject() {
        return Scenario.jira()
                .source(entity(PROJECT, "10000", null, "ABC", "name", "Alpha"))
                .destination(entity(PROJECT, "10042", null, "ABC", "name", "Alpha"));
    }

    @Test
    void projects_match_by_key() {
        // given
        var scenario = aMigratedProject().source(entity(PROJECT, "10001", null, "NOPE", "name", "Never migrated"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(PROJECT, "10000").cloudId()).isEqualTo("10042");
        assertThat(result.row(PROJECT, "10000").rule()).isEqualTo("project-key");
        var absent = result.row(PROJECT, "10001");
        assertThat(absent.status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(absent.reason())
                .isEqualTo("not found in Cloud: project project key NOPE absent (project not migrated?)");
    }

    @Test
    void issues_match_by_key_and_a_moved_issue_by_its_historical_key() {
        // given
        var scenario = aMigratedProject()
                .source(
                        entity(ISSUE, "20001", "10000", "ABC-1", "project", "ABC"),
                        entity(ISSUE, "20002", "10000", "ABC-2", "project", "ABC"),
                        entity(ISSUE, "20003", "10000", "ABC-3", "project", "ABC"))
                .destination(
                        entity(ISSUE, "30001", "10042", "ABC-1", "project", "ABC", "historicalKeys", "ABC-2"),
                        entity(ISSUE, "30002", "10042", "ABC-7", "project", "ABC", "historicalKeys", "ABC-2,ABC-3"));
        // when
        var result = map(scenario);
        // then the current key wins over a historical one
        assertThat(result.row(ISSUE, "20001").cloudId()).isEqualTo("30001");
        // and a moved issue is found under its old key, unless two Cloud issues claim that key equally
        assertThat(result.row(ISSUE, "20003").cloudId()).isEqualTo("30002");
        assertThat(result.row(ISSUE, "20003").rule()).isEqualTo("issue-key+historical-key");
        assertThat(result.row(ISSUE, "20002").status()).isEqualTo(MatchStatus.AMBIGUOUS);
        assertThat(result.row(ISSUE, "20002").candidates()).isEqualTo("30001;30002");
    }

    @Test
    void components_and_versions_match_by_name_within_their_mapped_project() {
        // given two projects with a component of the same name
        var scenario = aMigratedProject()
                .source(
                        entity(PROJECT, "10001", null, "XYZ"),
                        entity(COMPONENT, "1", "10000", "UI"),
                        entity(COMPONENT, "2", "10001", "UI"),
                        entity(VERSION, "5", "10001", "1.0"))
                .destination(
                        entity(PROJECT, "10043", null, "XYZ"),
                        entity(COMPONENT, "101", "10043", "UI"),
                        entity(COMPONENT, "102", "10042", "UI"),
                        entity(VERSION, "105", "10042", "1.0"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(COMPONENT, "1").cloudId()).isEqualTo("102");
        assertThat(result.row(COMPONENT, "2").cloudId()).isEqualTo("101");
        assertThat(result.row(COMPONENT, "2").container()).isEqualTo("XYZ");
        assertThat(result.row(VERSION, "5").status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(result.row(VERSION, "5").reason()).contains("exists, but not in the mapped container");
    }

    @Test
    void a_component_of_an_unmigrated_project_says_so() {
        // given
        var scenario = Scenario.jira()
                .source(entity(PROJECT, "10001", null, "OLD"), entity(COMPONENT, "1", "10001", "UI"))
                .destination(entity(COMPONENT, "101", "10043", "UI"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(COMPONENT, "1").reason())
                .isEqualTo("its project OLD is not matched in Cloud, so the component cannot be looked up in it");
    }

    @Test
    void custom_fields_understand_the_migrated_suffix_and_use_the_field_type() {
        var select = "com.atlassian.jira.plugin.system.customfieldtypes:select";
        var text = "com.atlassian.jira.plugin.system.customfieldtypes:textfield";
        // given
        var scenario = Scenario.jira()
                .source(
                        entity(CUSTOM_FIELD, "customfield_10100", null, "Team", "fieldType", select),
                        entity(CUSTOM_FIELD, "customfield_10101", null, "Risk", "fieldType", text),
                        entity(CUSTOM_FIELD, "customfield_10102", null, "Owner", "fieldType", text))
                .destination(
                        entity(CUSTOM_FIELD, "customfield_10030", null, "Team", "fieldType", text),
                        entity(CUSTOM_FIELD, "customfield_10031", null, "Team (migrated)", "fieldType", select),
                        entity(CUSTOM_FIELD, "customfield_10032", null, "Risk", "fieldType", text),
                        entity(CUSTOM_FIELD, "customfield_10033", null, "Risk (migrated 2)", "fieldType", text),
                        entity(CUSTOM_FIELD, "customfield_10034", null, "Owner (migrated)", "fieldType", text));
        // when
        var result = map(scenario);
        // then the field type picks the renamed field
        var team = result.row(CUSTOM_FIELD, "10100");
        assertThat(team.cloudId()).isEqualTo("10031");
        assertThat(team.rule()).isEqualTo("name-and-field-type+migrated-suffix");
        assertThat(team.cloudKey()).isEqualTo("Team (migrated)");
        // and two fields of the same type that fit equally are not guessed
        var risk = result.row(CUSTOM_FIELD, "10101");
        assertThat(risk.status()).isEqualTo(MatchStatus.AMBIGUOUS);
        assertThat(risk.candidates()).isEqualTo("10032;10033");
        assertThat(result.row(CUSTOM_FIELD, "10102").cloudId()).isEqualTo("10034");
    }

    @Test
    void epic_and_story_are_linked_by_name_and_resolutions_too() {
        // given
        var scenario = Scenario.jira()
                .source(
                        entity(ISSUE_TYPE, "10000", null, "Epic", "subtask", "false"),
                        entity(ISSUE_TYPE, "10001", null, "Bug", "subtask", "false"),
                        entity(RESOLUTION, "1", null, "Done"),
                        entity(RESOLUTION, "2", null, "Won't Fix"))
                .destination(
                        entity(ISSUE_TYPE, "10100", null, "Epic", "subtask", "false"),
                        entity(ISSUE_TYPE, "10101", null, "Epic (migrated)", "subtask", "false"),
                        entity(ISSUE_TYPE, "10102", null, "Bug (migrated)", "subtask", "false"),
                        entity(RESOLUTION, "10000", null, "Done"),
                        entity(RESOLUTION, "10001", null, "Won't Fix (migrated)"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(ISSUE_TYPE, "10000").cloudId()).isEqualTo("10100");
        assertThat(result.row(ISSUE_TYPE, "10001").cloudId()).isEqualTo("10102");
        assertThat(result.row(RESOLUTION, "1").cloudId()).isEqualTo("10000");
        assertThat(result.row(RESOLUTION, "2").status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(result.row(RESOLUTION, "2").reason()).contains("resolutions are never migrated");
    }

    @Test
    void team_managed_statuses_match_within_their_project_and_global_ones_globally() {
        // given
        var scenario = aMigratedProject()
                .source(
                        entity(PROJECT, "10001", null, "XYZ"),
                        entity(ISSUE_STATUS, "1", null, "Open", "category", "new"),
                        entity(ISSUE_STATUS, "2", "10000", "Doing", "category", "indeterminate"),
                        entity(ISSUE_STATUS, "3", "10001", "Doing", "category", "indeterminate"))
                .destination(
                        entity(PROJECT, "10043", null, "XYZ"),
                        entity(ISSUE_STATUS, "100", null, "Open", "category", "new"),
                        entity(ISSUE_STATUS, "101", null, "Doing", "category", "indeterminate"),
                        entity(ISSUE_STATUS, "102", "10042", "Doing", "category", "indeterminate"),
                        entity(ISSUE_STATUS, "103", "10043", "Doing", "category", "indeterminate"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(ISSUE_STATUS, "1").cloudId()).isEqualTo("100");
        assertThat(result.row(ISSUE_STATUS, "2").cloudId()).isEqualTo("102");
        assertThat(result.row(ISSUE_STATUS, "3").cloudId()).isEqualTo("103");
    }

    @Test
    void a_migrated_suffix_clash_is_settled_by_the_statuses_the_migrated_issues_carry() {
        // given a server status "Done" and Cloud's own "Done" beside the migration's "Done (migrated)"
        var scenario = aMigratedProject()
                .source(
                        entity(ISSUE_STATUS, "1", null, "Done", "category", "done"),
                        entity(ISSUE_STATUS, "2", null, "Open", "category", "new"),
                        entity(ISSUE, "20001", "10000", "ABC-1", "project", "ABC", "statusId", "1", "priorityId", "7"),
                        entity(ISSUE, "20002", "10000", "ABC-2", "project", "ABC", "statusId", "1", "priorityId", "7"),
                        entity(ISSUE, "20003", "10000", "ABC-3", "project", "ABC", "statusId", "2", "priorityId", "8"),
                        entity(PRIORITY, "7", null, "Medium"),
                        entity(PRIORITY, "8", null, "Low"))
                .destination(
                        entity(ISSUE_STATUS, "100", null, "Done", "category", "done"),
                        entity(ISSUE_STATUS, "101", null, "Done (migrated)", "category", "done"),
                        entity(ISSUE_STATUS, "102", null, "Open", "category", "new"),
                        entity(ISSUE_STATUS, "103", null, "Open (migrated)", "category", "new"),
                        entity(
                                ISSUE,
                                "30001",
                                "10042",
                                "ABC-1",
                                "project",
                                "ABC",
                                "statusId",
                                "101",
                                "priorityId",
                                "70"),
                        entity(
                                ISSUE,
                                "30002",
                                "10042",
                                "ABC-2",
                                "project",
                                "ABC",
                                "statusId",
                                "101",
                                "priorityId",
                                "71"),
                        // ABC-3 was moved to Cloud's own "Open" after the migration: evidence splits
                        entity(ISSUE, "30003", "10042", "ABC-3", "project", "ABC", "statusId", "102"),
                        entity(PRIORITY, "70", null, "Medium"),
                        entity(PRIORITY, "71", null, "Medium (migrated)"),
                        entity(PRIORITY, "80", null, "Low"),
                        entity(PRIORITY, "81", null, "Low (migrated)"));
        // when
        var result = map(scenario);
        // then every migrated issue with server status 1 has Cloud status 101
        assertThat(result.row(ISSUE_STATUS, "1").cloudId()).isEqualTo("101");
        assertThat(result.row(ISSUE_STATUS, "1").rule()).isEqualTo("name-within-project-scope+usage-evidence");
        // and a single observation settles "Open" too; it is the only one and it lands on a candidate
        assertThat(result.row(ISSUE_STATUS, "2").cloudId()).isEqualTo("102");
        // but issues that name two candidates of "Medium" settle nothing
        var medium = result.row(PRIORITY, "7");
        assertThat(medium.status()).isEqualTo(MatchStatus.AMBIGUOUS);
        assertThat(medium.reason()).endsWith("; migrated issues use several of them (70: 1, 71: 1)");
        // and no issue of Cloud carries a priority for "Low": nothing observed, nothing settled
        assertThat(result.row(PRIORITY, "8").reason()).endsWith("; no migrated issues use any of them");
    }

    @Test
    void a_link_type_clash_is_settled_by_the_links_between_mapped_issues() {
        // given
        var scenario = anIssueWithUsers()
                .source(
                        entity(ISSUE_LINK_TYPE, "10000", null, "Relates", "inward", "relates to", "outward", "relates"),
                        entity(
                                ISSUE_LINK,
                                "1",
                                null,
                                null,
                                "typeId",
                                "10000",
                                "inwardIssueId",
                                "20001",
                                "outwardIssueId",
                                "20002"))
                .destination(
                        entity(ISSUE_LINK_TYPE, "200", null, "Relates", "inward", "relates to", "outward", "relates"),
                        entity(
                                ISSUE_LINK_TYPE,
                                "201",
                                null,
                                "Relates (migrated)",
                                "inward",
                                "relates to",
                                "outward",
                                "relates"),
                        entity(
                                ISSUE_LINK,
                                "9",
                                null,
                                null,
                                "typeId",
                                "201",
                                "inwardIssueId",
                                "30001",
                                "outwardIssueId",
                                "30002"));
        // when
        var result = map(scenario);
        // then the link between the mapped issues names the migrated type, and the link follows
        assertThat(result.row(ISSUE_LINK_TYPE, "10000").cloudId()).isEqualTo("201");
        assertThat(result.row(ISSUE_LINK, "1").cloudId()).isEqualTo("9");
    }

    @Test
    void a_project_role_clash_is_settled_by_the_roles_with_actors_in_the_migrated_projects() {
        // given server roles Administrators and Developers with actors in ABC; in Cloud the migration put them on
        // "Administrators (migrated)" and Developers, and Cloud's own "Administrators" has none in ABC
        var scenario = Scenario.jira()
                .source(
                        entity(PROJECT, "10000", null, "ABC", "roleIds", "10002,10003"),
                        entity(PROJECT_ROLE, "10002", null, "Administrators"),
                        entity(PROJECT_ROLE, "10003", null, "Developers"))
                .destination(
                        entity(PROJECT, "10042", null, "ABC", "roleIds", "10006,10007"),
                        entity(PROJECT_ROLE, "10002", null, "Administrators"),
                        entity(PROJECT_ROLE, "10006", null, "Administrators (migrated)"),
                        entity(PROJECT_ROLE, "10007", null, "Developers"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(PROJECT_ROLE, "10002").cloudId()).isEqualTo("10006");
        assertThat(result.row(PROJECT_ROLE, "10002").rule()).isEqualTo("name+usage-evidence");
        assertThat(result.row(PROJECT_ROLE, "10003").cloudId()).isEqualTo("10007");
    }

    @Test
    void a_custom_field_clash_is_settled_by_the_options_it_holds() {
        var select = "com.atlassian.jira.plugin.system.customfieldtypes:select";
        // given
        var scenario = Scenario.jira()
                .source(
                        entity(CUSTOM_FIELD, "customfield_10105", null, "Category", "fieldType", select),
                        entity(CUSTOM_FIELD_OPTION, "1", "customfield_10105", "Alpha"),
                        entity(CUSTOM_FIELD_OPTION, "2", "customfield_10105", "Bravo"))
                .destination(
                        entity(CUSTOM_FIELD, "customfield_10030", null, "Category", "fieldType", select),
                        entity(CUSTOM_FIELD, "customfield_10104", null, "Category (migrated)", "fieldType", select),
                        entity(CUSTOM_FIELD_OPTION, "11", "customfield_10030", "Hardware"),
                        entity(CUSTOM_FIELD_OPTION, "12", "customfield_10104", "Alpha"),
                        entity(CUSTOM_FIELD_OPTION, "13", "customfield_10104", "Bravo"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(CUSTOM_FIELD, "10105").cloudId()).isEqualTo("10104");
        assertThat(result.row(CUSTOM_FIELD_OPTION, "2").cloudId()).isEqualTo("13");
    }

    @Test
    void without_the_carriers_in_the_run_a_clash_stays_ambiguous() {
        // given the same clash as above, but a run restricted to statuses crawls no issues
        var scenario = aMigratedProject()
                .source(
                        entity(ISSUE_STATUS, "1", null, "Done", "category", "done"),
                        entity(ISSUE, "20001", "10000", "ABC-1", "project", "ABC", "statusId", "1"))
                .destination(
                        entity(ISSUE_STATUS, "100", null, "Done", "category", "done"),
                        entity(ISSUE_STATUS, "101", null, "Done (migrated)", "category", "done"),
                        entity(ISSUE, "30001", "10042", "ABC-1", "project", "ABC", "statusId", "101"));
        // when
        var result = map(scenario, Set.of(ISSUE_STATUS));
        // then
        assertThat(result.row(ISSUE_STATUS, "1").status()).isEqualTo(MatchStatus.AMBIGUOUS);
    }

    @Test
    void options_match_by_value_within_their_field_and_cascading_children_by_parent_value() {
        var cascading = "com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect";
        // given
        var scenario = Scenario.jira()
                .source(
                        entity(CUSTOM_FIELD, "customfield_10200", null, "Location", "fieldType", cascading),
                        entity(CUSTOM_FIELD_OPTION, "1", "customfield_10200", "Europe"),
                        entity(CUSTOM_FIELD_OPTION, "2", "customfield_10200", "America"),
                        entity(CUSTOM_FIELD_OPTION, "3", "customfield_10200", "North", "parentOptionId", "1"),
                        entity(CUSTOM_FIELD_OPTION, "4", "customfield_10200", "North", "parentOptionId", "2"))
                .destination(
                        entity(CUSTOM_FIELD, "customfield_10050", null, "Location", "fieldType", cascading),
                        entity(CUSTOM_FIELD_OPTION, "11", "customfield_10050", "Europe"),
                        entity(CUSTOM_FIELD_OPTION, "12", "customfield_10050", "America"),
                        entity(CUSTOM_FIELD_OPTION, "13", "customfield_10050", "North", "parentOptionId", "12"),
                        entity(CUSTOM_FIELD_OPTION, "14", "customfield_10050", "North", "parentOptionId", "11"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(CUSTOM_FIELD_OPTION, "1").cloudId()).isEqualTo("11");
        assertThat(result.row(CUSTOM_FIELD_OPTION, "3").cloudId()).isEqualTo("14");
        assertThat(result.row(CUSTOM_FIELD_OPTION, "4").cloudId()).isEqualTo("13");
        assertThat(result.row(CUSTOM_FIELD_OPTION, "4").container()).isEqualTo("Location");
    }

    @Test
    void users_match_by_migration_record_then_email_and_may_merge() {
        // given
        var scenario = Scenario.jira()
                .source(
                        entity(JIRA_USER, "JIRAUSER10100", null, "alice", "email", "alice@example.com"),
                        entity(JIRA_USER, "bob", null, "bob", "email", "bob@example.com"),
                        entity(JIRA_USER, "JIRAUSER10102", null, "carol", "email", "carol@example.com"),
                        entity(JIRA_USER, "JIRAUSER10103", null, "carol2", "email", "Carol@Example.com"),
                        entity(JIRA_USER, "JIRAUSER10104", null, "dave", "email", "dave@example.com"),
                        entity(JIRA_USER, "JIRAUSER10105", null, "erin"))
                .destination(
                        entity(JIRA_USER, "5b10a2844c20165700ede21g", null, null, "email", "alice@example.com"),
                        entity(JIRA_USER, "5b10a2844c20165700ede21h", null, null),
                        entity(JIRA_USER, "5b10a2844c20165700ede21i", null, null, "email", "carol@example.com"))
                .migrated("JIRAUSER10100", "alice", "5b10a2844c20165700ede21g")
                .migrated(null, "bob", "5b10a2844c20165700ede21h");
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(JIRA_USER, "JIRAUSER10100").rule()).isEqualTo("migration-record-key");
        assertThat(result.row(JIRA_USER, "bob").cloudId()).isEqualTo("5b10a2844c20165700ede21h");
        assertThat(result.row(JIRA_USER, "bob").rule()).isEqualTo("migration-record-username");
        // two server users with one email become one account
        assertThat(result.row(JIRA_USER, "JIRAUSER10102").cloudId()).isEqualTo("5b10a2844c20165700ede21i");
        assertThat(result.row(JIRA_USER, "JIRAUSER10103").cloudId()).isEqualTo("5b10a2844c20165700ede21i");
        assertThat(result.row(JIRA_USER, "JIRAUSER10103").rule()).isEqualTo("email");
        assertThat(result.row(JIRA_USER, "JIRAUSER10104").reason())
                .contains("no Cloud user shows the email dave@example.com");
        assertThat(result.row(JIRA_USER, "JIRAUSER10105").reason()).contains("no migration record");
    }

    @Test
    void groups_match_by_name() {
        // given
        var scenario = Scenario.jira()
                .source(entity(JIRA_GROUP, "jira-software-users", null, "jira-software-users"))
                .destination(entity(JIRA_GROUP, "8a0c6a7e-1d3f-4f2b-9a6e-1c2d3e4f5a6b", null, "jira-software-users"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(JIRA_GROUP, "jira-software-users").cloudId())
                .isEqualTo("8a0c6a7e-1d3f-4f2b-9a6e-1c2d3e4f5a6b");
    }

    static Scenario twoUsers() {
        return Scenario.jira()
                .source(
                        entity(JIRA_USER, "JIRAUSER1", null, "ann", "email", "ann@example.com"),
                        entity(JIRA_USER, "JIRAUSER2", null, "ben", "email", "ben@example.com"))
                .destination(
                        entity(JIRA_USER, "acc-ann", null, null, "email", "ann@example.com"),
                        entity(JIRA_USER, "acc-ben", null, null, "email", "ben@example.com"));
    }

    @Test
    void filters_and_dashboards_match_by_name_and_mapped_owner() {
        // given two filters of the same name, owned by different people
        var scenario = twoUsers()
                .source(
                        entity(FILTER, "10000", null, "My open issues", "owner", "JIRAUSER1"),
                        entity(FILTER, "10001", null, "My open issues", "owner", "JIRAUSER2"),
                        entity(DASHBOARD, "10100", null, "Team", "owner", "JIRAUSER3"))
                .destination(
                        entity(FILTER, "20000", null, "My open issues", "owner", "acc-ben"),
                        entity(FILTER, "20001", null, "My open issues", "owner", "acc-ann"),
                        entity(DASHBOARD, "20100", null, "Team", "owner", "acc-ann"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(FILTER, "10000").cloudId()).isEqualTo("20001");
        assertThat(result.row(FILTER, "10001").cloudId()).isEqualTo("20000");
        assertThat(result.row(DASHBOARD, "10100").reason()).isEqualTo("its owner JIRAUSER3 not matched in Cloud");
    }

    @Test
    void a_dashboard_whose_site_shows_no_owner_matches_by_name_alone_when_only_one_fits() {
        // given Data Center dashboards, which come without owner
        var scenario = twoUsers()
                .source(
                        entity(DASHBOARD, "10100", null, "Team"),
                        entity(DASHBOARD, "10101", null, "Ops"),
                        entity(DASHBOARD, "10102", null, "Ops"))
                .destination(
                        entity(DASHBOARD, "20100", null, "Team", "owner", "acc-ann"),
                        entity(DASHBOARD, "20101", null, "Ops", "owner", "acc-ann"),
                        entity(DASHBOARD, "20102", null, "Ops", "owner", "acc-ben"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(DASHBOARD, "10100").cloudId()).isEqualTo("20100");
        assertThat(result.row(DASHBOARD, "10100").rule()).isEqualTo("name+owner-not-shown");
        assertThat(result.row(DASHBOARD, "10101").status()).isEqualTo(MatchStatus.AMBIGUOUS);
    }

    @Test
    void a_filter_whose_owner_is_not_matched_never_matches_a_cloud_filter_without_owner() {
        // given
        var scenario = Scenario.jira()
                .source(entity(FILTER, "10000", null, "Shared", "owner", "JIRAUSER9"))
                .destination(entity(FILTER, "20000", null, "Shared"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(FILTER, "10000").status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(result.row(FILTER, "10000").reason()).isEqualTo("its owner JIRAUSER9 not matched in Cloud");
    }

    @Test
    void boards_match_by_name_and_type_and_their_mapped_filter_breaks_ties() {
        // given
        var scenario = twoUsers()
                .source(
                        entity(FILTER, "1", null, "Board filter", "owner", "JIRAUSER1"),
                        entity(BOARD, "7", null, "ABC board", "type", "scrum", "filterId", "1"),
                        entity(BOARD, "8", null, "Kanban", "type", "kanban", "filterId", "1"))
                .destination(
                        entity(FILTER, "101", null, "Board filter", "owner", "acc-ann"),
                        entity(BOARD, "70", null, "ABC board", "type", "scrum", "filterId", "102"),
                        entity(BOARD, "71", null, "ABC board", "type", "scrum", "filterId", "101"),
                        entity(BOARD, "72", null, "ABC board", "type", "kanban", "filterId", "101"),
                        entity(BOARD, "80", null, "Kanban", "type", "kanban", "filterId", "103"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(BOARD, "7").cloudId()).isEqualTo("71");
        assertThat(result.row(BOARD, "7").rule()).isEqualTo("name-and-type+tie-break");
        assertThat(result.row(BOARD, "8").cloudId()).isEqualTo("80");
    }

    @Test
    void sprints_match_by_name_within_their_mapped_board_with_dates_breaking_ties() {
        // given
        var scenario = Scenario.jira()
                .source(
                        entity(BOARD, "7", null, "ABC board", "type", "scrum"),
                        entity(SPRINT, "1", "7", "Sprint 1", "startDate", "2024-01-01T09:00:00.000Z"),
                        entity(SPRINT, "2", "7", "Sprint 1", "startDate", "2024-02-01T09:00:00.000Z"))
                .destination(
                        entity(BOARD, "70", null, "ABC board", "type", "scrum"),
                        entity(SPRINT, "11", "70", "Sprint 1", "startDate", "2024-02-01T09:00:00.000Z"),
                        entity(SPRINT, "12", "70", "Sprint 1", "startDate", "2024-01-01T09:00:00.000Z"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(SPRINT, "1").cloudId()).isEqualTo("12");
        assertThat(result.row(SPRINT, "2").cloudId()).isEqualTo("11");
    }

    static Scenario anIssueWithUsers() {
        return twoUsers()
                .source(
                        entity(PROJECT, "10000", null, "ABC"),
                        entity(ISSUE, "20001", "10000", "ABC-1", "project", "ABC"),
                        entity(ISSUE, "20002", "10000", "ABC-2", "project", "ABC"))
                .destination(
                        entity(PROJECT, "10042", null, "ABC"),
                        entity(ISSUE, "30001", "10042", "ABC-1", "project", "ABC"),
                        entity(ISSUE, "30002", "10042", "ABC-2", "project", "ABC"));
    }

    @Test
    void comments_worklogs_and_attachments_match_within_their_issue_by_author_and_time() {
        var t1 = "2024-03-01T10:15:30.000Z";
        var t2 = "2024-03-01T10:16:00.000Z";
        // given
        var scenario = anIssueWithUsers()
                .source(
                        entity(COMMENT, "1", "20001", null, "author", "JIRAUSER1", "created", t1, "project", "ABC"),
                        entity(COMMENT, "2", "20001", null, "author", "JIRAUSER2", "created", t1, "project", "ABC"),
                        entity(COMMENT, "3", "20002", null, "author", "JIRAUSER1", "created", t2, "project", "ABC"),
                        entity(
                                WORKLOG,
                                "4",
                                "20001",
                                null,
                                "author",
                                "JIRAUSER1",
                                "started",
                                t1,
                                "timeSpentSeconds",
                                "3600",
                                "project",
                                "ABC"),
                        entity(
                                ATTACHMENT,
                                "5",
                                "20001",
                                "plan.pdf",
                                "author",
                                "JIRAUSER1",
                                "created",
                                t1,
                                "size",
                                "1024",
                                "project",
                                "ABC"))
                .destination(
                        entity(COMMENT, "101", "30001", null, "author", "acc-ben", "created", t1, "project", "ABC"),
                        entity(COMMENT, "102", "30001", null, "author", "acc-ann", "created", t1, "project", "ABC"),
                        entity(COMMENT, "103", "30001", null, "author", "acc-ann", "created", t2, "project", "ABC"),
                        entity(
                                WORKLOG,
                                "104",
                                "30001",
                                null,
                                "author",
                                "acc-ann",
                                "started",
                                t1,
                                "timeSpentSeconds",
                                "3600",
                                "project",
                                "ABC"),
                        entity(
                                ATTACHMENT,
                                "105",
                                "30001",
                                "plan.pdf",
                                "author",
                                "acc-ann",
                                "created",
                                t1,
                                "size",
                                "1024",
                                "project",
                                "ABC"),
                        entity(
                                ATTACHMENT,
                                "106",
                                "30001",
                                "plan.pdf",
                                "author",
                                "acc-ann",
                                "created",
                                t1,
                                "size",
                                "2048",
                                "project",
                                "ABC"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(COMMENT, "1").cloudId()).isEqualTo("102");
        assertThat(result.row(COMMENT, "2").cloudId()).isEqualTo("101");
        assertThat(result.row(COMMENT, "3").status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(result.row(COMMENT, "3").container()).isEqualTo("ABC-2");
        assertThat(result.row(WORKLOG, "4").cloudId()).isEqualTo("104");
        assertThat(result.row(ATTACHMENT, "5").cloudId()).isEqualTo("105");
    }

    @Test
    void an_item_whose_author_has_no_cloud_match_is_found_by_its_time_within_the_issue() {
        var t1 = "2024-03-01T10:15:30.000Z";
        // given a comment by a server user whose account cannot be identified, and one by a mapped author
        var scenario = anIssueWithUsers()
                .source(
                        entity(JIRA_USER, "JIRAUSER7", null, "hidden"),
                        entity(COMMENT, "1", "20001", null, "author", "JIRAUSER7", "created", t1, "project", "ABC"),
                        entity(COMMENT, "2", "20002", null, "author", "JIRAUSER1", "created", t1, "project", "ABC"))
                .destination(
                        entity(COMMENT, "101", "30001", null, "author", "acc-hidden", "created", t1, "project", "ABC"),
                        // same time in ABC-2, but by someone else than the mapped author
                        entity(COMMENT, "102", "30002", null, "author", "acc-ben", "created", t1, "project", "ABC"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(COMMENT, "1").cloudId()).isEqualTo("101");
        assertThat(result.row(COMMENT, "1").rule()).isEqualTo("created-within-issue+author-unmapped");
        assertThat(result.row(COMMENT, "2").status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(result.row(COMMENT, "2").reason()).contains("its author is not the mapped author");
    }

    @Test
    void issue_links_match_by_mapped_endpoints_and_type() {
        // given
        var scenario = anIssueWithUsers()
                .source(
                        entity(
                                ISSUE_LINK_TYPE,
                                "10000",
                                null,
                                "Blocks",
                                "inward",
                                "is blocked by",
                                "outward",
                                "blocks"),
                        entity(
                                ISSUE_LINK,
                                "1",
                                null,
                                null,
                                "typeId",
                                "10000",
                                "inwardIssueId",
                                "20001",
                                "outwardIssueId",
                                "20002"))
                .destination(
                        entity(
                                ISSUE_LINK_TYPE,
                                "10100",
                                null,
                                "Blocks",
                                "inward",
                                "is blocked by",
                                "outward",
                                "blocks"),
                        entity(
                                ISSUE_LINK,
                                "500",
                                null,
                                null,
                                "typeId",
                                "10100",
                                "inwardIssueId",
                                "30002",
                                "outwardIssueId",
                                "30001"),
                        entity(
                                ISSUE_LINK,
                                "501",
                                null,
                                null,
                                "typeId",
                                "10100",
                                "inwardIssueId",
                                "30001",
                                "outwardIssueId",
                                "30002"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(ISSUE_LINK, "1").cloudId()).isEqualTo("501");
    }

    @Test
    void one_cloud_entity_claimed_by_two_source_entities_makes_both_ambiguous() {
        // given two server priorities that both fit the one Cloud priority
        var scenario = Scenario.jira()
                .source(entity(PRIORITY, "1", null, "High"), entity(PRIORITY, "2", null, "High (migrated)"))
                .destination(entity(PRIORITY, "10", null, "High (migrated)"));
        // when
        var result = map(scenario);
        // then
        assertThat(result.row(PRIORITY, "1").status()).isEqualTo(MatchStatus.AMBIGUOUS);
        assertThat(result.row(PRIORITY, "2").status()).isEqualTo(MatchStatus.AMBIGUOUS);
        assertThat(result.row(PRIORITY, "2").reason()).contains("also fits server priority 1");
        assertThat(result.outcome().summary().matched()).isZero();
    }

    @Test
    void a_restricted_run_maps_what_the_requested_types_depend_on_but_reports_only_them() {
        var t1 = "2024-03-01T10:15:30.000Z";
        // given
        var scenario = anIssueWithUsers()
                .source(entity(COMMENT, "1", "20001", null, "author", "JIRAUSER1", "created", t1, "project", "ABC"))
                .destination(
                        entity(COMMENT, "101", "30001", null, "author", "acc-ann", "created", t1, "project", "ABC"));
        // when
        var result = map(scenario, Set.of(COMMENT));
        // then
        assertThat(result.rows()).extracting(r -> r.entityType()).containsOnly("jira:comment");
        assertThat(result.row(COMMENT, "1").cloudId()).isEqualTo("101");
        assertThat(result.outcome().summary().countsPerType()).containsOnlyKeys("jira:comment");
    }
}
