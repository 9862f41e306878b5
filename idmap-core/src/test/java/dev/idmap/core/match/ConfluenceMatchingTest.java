package dev.idmap.core.match;

import static dev.idmap.core.model.EntityType.*;
import static dev.idmap.core.testing.Sites.entity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.testing.Scenario;
import dev.idmap.core.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfluenceMatchingTest {

    @TempDir
    Path output;

    @Test
    void spaces_pages_blog_posts_attachments_and_comments_match_by_their_natural_keys() {
        // given
        var scenario = Scenario.confluence()
                .source(
                        entity(CONFLUENCE_USER, "8a7f808a", null, "alice", "email", "alice@example.com"),
                        entity(SPACE, "98305", null, "DOCS", "name", "Docs"),
                        entity(PAGE, "1001", "98305", "Home"),
                        entity(PAGE, "1002", "98305", "Release notes"),
                        entity(BLOG_POST, "2001", "98305", "Weekly", "created", "2024-03-01T08:00:00.000Z"),
                        entity(BLOG_POST, "2002", "98305", "Weekly", "created", "2024-03-08T08:00:00.000Z"),
                        entity(CONFLUENCE_ATTACHMENT, "3001", null, "logo.png", "containerId", "1001", "size", "512"),
                        entity(
                                CONFLUENCE_COMMENT,
                                "4001",
                                null,
                                null,
                                "containerId",
                                "2002",
                                "author",
                                "8a7f808a",
                                "created",
                                "2024-03-08T09:00:00.000Z"))
                .destination(
                        entity(CONFLUENCE_USER, "acc-alice", null, null, "email", "alice@example.com"),
                        entity(SPACE, "655361", null, "DOCS", "name", "Docs"),
                        entity(PAGE, "70001", "655361", "Home"),
                        entity(BLOG_POST, "80001", "655361", "Weekly", "created", "2024-03-08T11:30:00.000Z"),
                        entity(BLOG_POST, "80002", "655361", "Weekly", "created", "2024-03-01T10:00:00.000Z"),
                        entity(CONFLUENCE_ATTACHMENT, "90001", null, "logo.png", "containerId", "70001", "size", "512"),
                        entity(
                                CONFLUENCE_COMMENT,
                                "99001",
                                null,
                                null,
                                "containerId",
                                "80001",
                                "author",
                                "acc-alice",
                                "created",
                                "2024-03-08T09:00:00.000Z"));
        // when
        var result = scenario.run(TestDatabases.h2("confluence"), output, "confluence", Set.of(), Set.of());
        // then
        assertThat(result.row(SPACE, "98305").cloudId()).isEqualTo("655361");
        assertThat(result.row(PAGE, "1001").cloudId()).isEqualTo("70001");
        assertThat(result.row(PAGE, "1002").reason()).isEqualTo("not found in Cloud: page 'Release notes' absent");
        assertThat(result.row(BLOG_POST, "2001").cloudId()).isEqualTo("80002");
        assertThat(result.row(BLOG_POST, "2002").cloudId()).isEqualTo("80001");
        assertThat(result.row(CONFLUENCE_ATTACHMENT, "3001").cloudId()).isEqualTo("90001");
        assertThat(result.row(CONFLUENCE_COMMENT, "4001").cloudId()).isEqualTo("99001");
    }
}
