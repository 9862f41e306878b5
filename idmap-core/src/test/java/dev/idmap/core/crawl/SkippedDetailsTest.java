package dev.idmap.core.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Skipped details of one kind are one warning, with their count and the first few items, however they arrive. */
class SkippedDetailsTest {

    private static final String COMMENTS = "GET /rest/api/2/issue/{issueIdOrKey}/comment";
    private static final String GONE = "Issue does not exist or you do not have permission to see it.";

    @Test
    void the_comment_listings_of_a_thousand_issues_answering_404_are_one_warning_naming_the_first_five() {
        // given
        var details = new SkippedDetails();
        // when a thousand issues lose their comments, in any order
        for (var n : shuffled(1000)) {
            details.add(Side.SOURCE, commentsGone(n, 404));
        }
        // then
        assertThat(details.groups()).singleElement().satisfies(group -> {
            assertThat(group.items()).isEqualTo(1000);
            assertThat(group.examples())
                    .containsExactly("issue ABC-1", "issue ABC-2", "issue ABC-3", "issue ABC-4", "issue ABC-5");
            assertThat(group.request()).isEqualTo("GET /rest/api/2/issue/10001/comment");
            assertThat(group.warning().message())
                    .isEqualTo("jira:comment: details are not available on the source site for 1000 items (issue"
                            + " ABC-1, issue ABC-2, issue ABC-3, issue ABC-4, issue ABC-5 and 995 more): e.g. GET"
                            + " /rest/api/2/issue/10001/comment answered HTTP 404 (" + GONE + "); the comments of"
                            + " these issues are not in the reports");
        });
    }

    @Test
    void another_side_status_or_kind_of_request_is_another_warning() {
        // given
        var details = new SkippedDetails();
        // when
        details.add(Side.SOURCE, commentsGone(1, 404));
        details.add(Side.SOURCE, commentsGone(2, 404));
        details.add(Side.DESTINATION, commentsGone(1, 404));
        details.add(Side.SOURCE, commentsGone(3, 403));
        details.add(
                Side.SOURCE,
                new SkippedDetail(
                        EntityType.COMMENT,
                        "issue ABC-4",
                        new CrawlFailure.Exchange(
                                "GET /rest/api/2/comment/list", "GET /rest/api/2/comment/list", 404, ""),
                        "the comments of these issues are not in the reports"));
        // then
        assertThat(details.groups())
                .extracting(
                        SkippedDetails.Group::side,
                        SkippedDetails.Group::endpoint,
                        SkippedDetails.Group::status,
                        SkippedDetails.Group::items)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Side.SOURCE, "GET /rest/api/2/comment/list", 404, 1L),
                        org.assertj.core.groups.Tuple.tuple(Side.SOURCE, COMMENTS, 403, 1L),
                        org.assertj.core.groups.Tuple.tuple(Side.SOURCE, COMMENTS, 404, 2L),
                        org.assertj.core.groups.Tuple.tuple(Side.DESTINATION, COMMENTS, 404, 1L));
    }

    @Test
    void groups_checkpointed_part_by_part_add_up_to_the_warning_of_one_uninterrupted_crawl() {
        // given the details of one crawl, and the same details seen by two parts, checkpointed apart
        var once = new SkippedDetails();
        var firstPart = new SkippedDetails();
        var secondPart = new SkippedDetails();
        for (var n : shuffled(40)) {
            once.add(Side.SOURCE, commentsGone(n, 404));
            (n % 2 == 0 ? firstPart : secondPart).add(Side.SOURCE, commentsGone(n, 404));
        }
        // when a resumed run reads them back, in either order
        var resumed = new SkippedDetails();
        resumed.addAll(secondPart.groups());
        resumed.addAll(firstPart.groups());
        var resumedTheOtherWay = new SkippedDetails();
        resumedTheOtherWay.addAll(firstPart.groups());
        resumedTheOtherWay.addAll(secondPart.groups());
        // then
        assertThat(resumed.groups()).isEqualTo(once.groups());
        assertThat(resumedTheOtherWay.groups()).isEqualTo(once.groups());
    }

    @Test
    void one_item_or_an_auxiliary_request_is_said_plainly() {
        var one = new SkippedDetails();
        one.add(Side.SOURCE, commentsGone(7, 404));
        assertThat(one.groups().getFirst().warning().message())
                .startsWith("jira:comment: a detail is not available on the source site for issue ABC-7: GET"
                        + " /rest/api/2/issue/10007/comment answered HTTP 404 (");
        var auxiliary = new SkippedDetails();
        auxiliary.add(
                Side.DESTINATION,
                new SkippedDetail(
                        EntityType.JIRA_USER,
                        null,
                        new CrawlFailure.Exchange(
                                "GET /rest/api/3/user/bulk/migration",
                                "GET /rest/api/3/user/bulk/migration?key=a",
                                404,
                                ""),
                        "no migration records: server users are matched by e-mail address only"));
        assertThat(auxiliary.groups().getFirst().warning().message())
                .isEqualTo("identity:user: a detail is not available on the destination site: GET"
                        + " /rest/api/3/user/bulk/migration?key=a answered HTTP 404; no migration records: server"
                        + " users are matched by e-mail address only");
    }

    @Test
    void items_are_in_natural_order() {
        var items =
                new ArrayList<>(List.of("issue ABC-10", "issue AB-2", "issue ABC-9", "page 7 in ZZ", "page 10 in A"));
        items.sort(SkippedDetails.ITEM_ORDER);
        assertThat(items).containsExactly("issue AB-2", "issue ABC-9", "issue ABC-10", "page 7 in ZZ", "page 10 in A");
    }

    private static SkippedDetail commentsGone(int issue, int status) {
        return new SkippedDetail(
                EntityType.COMMENT,
                "issue ABC-" + issue,
                new CrawlFailure.Exchange(
                        COMMENTS, "GET /rest/api/2/issue/" + (10000 + issue) + "/comment", status, GONE),
                "the comments of these issues are not in the reports");
    }

    private static List<Integer> shuffled(int n) {
        var numbers = new ArrayList<>(IntStream.rangeClosed(1, n).boxed().toList());
        Collections.shuffle(numbers, new Random(42));
        return numbers;
    }
}
