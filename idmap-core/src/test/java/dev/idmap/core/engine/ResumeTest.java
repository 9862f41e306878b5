package dev.idmap.core.engine;

import static dev.idmap.core.model.EntityType.*;
import static dev.idmap.core.testing.Sites.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.testing.Scenario;
import dev.idmap.core.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A run that breaks in the middle of a part continues from its checkpoints and ends with the same reports. */
class ResumeTest {

    private static final DataSource DATABASE = TestDatabases.h2("resume");

    @TempDir
    Path output;

    /** Two projects with 1,200 issues each: more than one staging batch per part. */
    static Scenario twoBusyProjects() {
        var source = new ArrayList<SiteEntity>();
        var destination = new ArrayList<SiteEntity>();
        source.add(entity(PROJECT, "10000", null, "ABC"));
        source.add(entity(PROJECT, "10001", null, "XYZ"));
        destination.add(entity(PROJECT, "20000", null, "ABC"));
        destination.add(entity(PROJECT, "20001", null, "XYZ"));
        for (int i = 1; i <= 1200; i++) {
            source.add(entity(ISSUE, String.valueOf(30000 + i), "10000", "ABC-" + i, "project", "ABC"));
            source.add(entity(ISSUE, String.valueOf(40000 + i), "10001", "XYZ-" + i, "project", "XYZ"));
            if (i % 100 != 0) { // every hundredth issue was not migrated
                destination.add(entity(ISSUE, String.valueOf(50000 + i), "20000", "ABC-" + i, "project", "ABC"));
            }
            destination.add(entity(ISSUE, String.valueOf(60000 + i), "20001", "XYZ-" + i, "project", "XYZ"));
        }
        return Scenario.jira()
                .source(source.toArray(SiteEntity[]::new))
                .destination(destination.toArray(SiteEntity[]::new));
    }

    /** H2 stages with batched inserts, PostgreSQL with COPY and commits that do not wait for the disk. */
    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", DATABASE), Arguments.of("PostgreSQL", TestDatabases.postgres("resume")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_run_broken_mid_part_resumes_and_writes_byte_identical_reports(String name, DataSource database)
            throws Exception {
        // given a clean run for reference
        var scenario = twoBusyProjects();
        var clean = scenario.run(database, output.resolve("clean"), "clean", Set.of(), Set.of());
        // and a run whose destination drops the connection in the middle of the second project's issues
        var source = scenario.sourceSite();
        var destination = scenario.destinationSite().failingOnce("jira:issue@XYZ", 700);
        assertThatThrownBy(() -> scenario.run(
                        database, output.resolve("resumed"), "resumed", Set.of(), Set.of(), source, destination))
                .isInstanceOf(CrawlFailure.class);

        // when the run is started again with the same run id
        var resumedSource = scenario.sourceSite();
        var resumedDestination = scenario.destinationSite();
        var resumed = scenario.run(
                database, output.resolve("resumed"), "resumed", Set.of(), Set.of(), resumedSource, resumedDestination);

        // then finished parts were not crawled again; the broken one and those after it were (one worker takes the
        // two sites' parts in turns)
        assertThat(resumedSource.crawledScopes()).doesNotContain("jira:issue@ABC", "jira/classic:project");
        assertThat(resumedDestination.crawledScopes())
                .startsWith("jira:issue@XYZ")
                .contains("jira:comment@ABC")
                .doesNotContain("jira:issue@ABC", "jira/classic:project");
        // and the reports are byte-identical to the clean run's
        assertThat(Files.readAllBytes(resumed.outcome().compatibleReport()))
                .isEqualTo(Files.readAllBytes(clean.outcome().compatibleReport()));
        assertThat(Files.readAllBytes(resumed.outcome().detailedReport()))
                .isEqualTo(Files.readAllBytes(clean.outcome().detailedReport()));
        assertThat(resumed.outcome().summary().matched()).isEqualTo(2 + 2400 - 12);
        assertThat(resumed.outcome().summary().unmatched()).isEqualTo(12);
    }

    @Test
    void a_run_broken_on_the_source_side_stages_no_duplicates_when_redone() {
        // given
        var scenario = twoBusyProjects();
        var source = scenario.sourceSite().failingOnce("jira:issue@ABC", 600);
        assertThatThrownBy(() -> scenario.run(
                        DATABASE,
                        output.resolve("src"),
                        "broken-source",
                        Set.of(),
                        Set.of(),
                        source,
                        scenario.destinationSite()))
                .isInstanceOf(CrawlFailure.class);
        // when
        var resumed = scenario.run(DATABASE, output.resolve("src"), "broken-source", Set.of(), Set.of());
        // then every source issue is reported exactly once
        assertThat(resumed.rowsOf(ISSUE)).hasSize(2400);
        assertThat(resumed.rowsOf(ISSUE).stream().map(r -> r.serverId()).distinct())
                .hasSize(2400);
    }

    @Test
    void several_crawl_workers_write_the_same_reports_as_one() throws Exception {
        // given
        var scenario = twoBusyProjects();
        // when
        var one = scenario.run(
                DATABASE,
                output.resolve("one"),
                "one-worker",
                Set.of(),
                Set.of(),
                scenario.sourceSite(),
                scenario.destinationSite(),
                1);
        var four = scenario.run(
                DATABASE,
                output.resolve("four"),
                "four-workers",
                Set.of(),
                Set.of(),
                scenario.sourceSite(),
                scenario.destinationSite(),
                4);
        // then
        assertThat(Files.readAllBytes(four.outcome().compatibleReport()))
                .isEqualTo(Files.readAllBytes(one.outcome().compatibleReport()));
        assertThat(Files.readAllBytes(four.outcome().detailedReport()))
                .isEqualTo(Files.readAllBytes(one.outcome().detailedReport()));
    }

    @Test
    void a_failure_in_one_of_several_workers_stops_the_run_and_the_resume_redoes_only_unfinished_parts()
            throws Exception {
        // given a clean run, and a four-worker run whose destination breaks in the second project's issues
        var scenario = twoBusyProjects();
        var clean = scenario.run(DATABASE, output.resolve("clean4"), "clean4", Set.of(), Set.of());
        var breaking = scenario.destinationSite().failingOnce("jira:issue@XYZ", 700);
        assertThatThrownBy(() -> scenario.run(
                        DATABASE,
                        output.resolve("resumed4"),
                        "resumed4",
                        Set.of(),
                        Set.of(),
                        scenario.sourceSite(),
                        breaking,
                        4))
                .isInstanceOf(CrawlFailure.class);
        var finishedBefore = new dev.idmap.core.storage.StagingStore(
                        DATABASE, dev.idmap.core.match.MatchRules.standard(), java.time.InstantSource.system())
                .finishedParts("resumed4");
        // when
        var source = scenario.sourceSite();
        var destination = scenario.destinationSite();
        var resumed = scenario.run(
                DATABASE, output.resolve("resumed4"), "resumed4", Set.of(), Set.of(), source, destination, 4);
        // then the broken part was crawled again and no finished one was
        assertThat(destination.crawledScopes()).contains("jira:issue@XYZ");
        assertThat(finishedBefore).doesNotContain("DESTINATION/jira:issue@XYZ");
        source.crawledScopes().forEach(s -> assertThat(finishedBefore).doesNotContain("SOURCE/" + s));
        destination.crawledScopes().forEach(s -> assertThat(finishedBefore).doesNotContain("DESTINATION/" + s));
        // and the reports are the clean run's
        assertThat(Files.readAllBytes(resumed.outcome().detailedReport()))
                .isEqualTo(Files.readAllBytes(clean.outcome().detailedReport()));
    }

    @Test
    void wrong_credentials_fail_before_anything_is_crawled() {
        // given a destination that refuses the credentials
        var scenario = twoBusyProjects();
        var source = scenario.sourceSite();
        var refusing =
                new dev.idmap.core.testing.FixtureSite(
                        dev.idmap.core.model.Product.JIRA, dev.idmap.core.model.Side.DESTINATION, java.util.List.of()) {
                    @Override
                    public void verifyAccess() {
                        throw new CrawlFailure(
                                CrawlFailure.Kind.AUTHENTICATION,
                                "https://x.atlassian.net refused the credentials (401): check the email and API token");
                    }
                };
        // when / then
        assertThatThrownBy(() ->
                        scenario.run(DATABASE, output.resolve("auth"), "auth", Set.of(), Set.of(), source, refusing))
                .isInstanceOf(CrawlFailure.class)
                .hasMessageContaining("refused the credentials");
        assertThat(source.crawledScopes()).isEmpty();
    }
}
