package dev.idmap.core.engine;

import static dev.idmap.core.model.EntityType.ATTACHMENT;
import static dev.idmap.core.model.EntityType.COMMENT;
import static dev.idmap.core.model.EntityType.ISSUE;
import static dev.idmap.core.model.EntityType.PROJECT;
import static dev.idmap.core.model.EntityType.WORKLOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.model.EntityType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Types are matched several at once, each only after the types it is matched after are decided. The matchers here
 * stand in for the database (the real ones run in {@code JiraMatchingOnPostgresTest} and every engine test on
 * PostgreSQL); what is specified is the order in which types start and finish.
 */
class MatchWorkersTest {

    /** Projects first; issues after projects; comments, worklogs and attachments after issues, not after each other. */
    private static final Map<EntityType, Set<EntityType>> AFTER = Map.of(
            PROJECT, Set.of(),
            ISSUE, Set.of(PROJECT),
            COMMENT, Set.of(ISSUE),
            WORKLOG, Set.of(ISSUE),
            ATTACHMENT, Set.of(ISSUE));

    private static final List<EntityType> ORDER = List.of(PROJECT, ISSUE, COMMENT, WORKLOG, ATTACHMENT);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Progress> progress = Collections.synchronizedList(new ArrayList<>());

    @Test
    void types_waiting_for_the_same_type_are_matched_side_by_side_after_it() {
        // comments are held until worklogs have started: with one type at a time this would wait forever
        var worklogsStarted = new CountDownLatch(1);
        var held = new AtomicBoolean();
        var workers = workers(2, (type, report) -> {
            if (type == WORKLOG) {
                worklogsStarted.countDown();
            }
            if (type == COMMENT) {
                held.set(await(worklogsStarted));
            }
            report.accept(10);
            return 10;
        });

        long decided = workers.match("run", ORDER);

        assertThat(held)
                .as("comments and worklogs were matched at the same time")
                .isTrue();
        assertThat(decided).isEqualTo(50);
        assertThat(events.indexOf("end PROJECT")).isLessThan(events.indexOf("start ISSUE"));
        for (var child : List.of(COMMENT, WORKLOG, ATTACHMENT)) {
            assertThat(events.indexOf("end ISSUE")).isLessThan(events.indexOf("start " + child));
        }
        assertThat(events.indexOf("start ATTACHMENT"))
                .as("taken in the dependency order: the third child waits for one of the first two")
                .isGreaterThan(Math.min(events.indexOf("end COMMENT"), events.indexOf("end WORKLOG")));
    }

    @Test
    void progress_only_grows_and_ends_with_every_type_and_decision() {
        var workers = workers(2, (type, report) -> {
            for (int n = 1; n <= 5; n++) {
                report.accept(n * 100L);
            }
            return 500;
        });

        workers.match("run", ORDER);

        var seen = List.copyOf(progress);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).partsDone())
                    .isGreaterThanOrEqualTo(seen.get(i - 1).partsDone());
            assertThat(seen.get(i).entitiesProcessed())
                    .isGreaterThanOrEqualTo(seen.get(i - 1).entitiesProcessed());
        }
        assertThat(seen.getLast()).isEqualTo(new Progress(Phase.MATCH, 5, 5, 2_500));
    }

    @Test
    @Timeout(60)
    void one_type_failing_stops_the_others_at_their_next_report_and_its_failure_is_thrown() {
        var commentsStarted = new CountDownLatch(1);
        var failed = new AtomicBoolean();
        var workers = workers(2, (type, report) -> {
            if (type == COMMENT) {
                commentsStarted.countDown();
                while (true) { // a long type: reports until told to stop
                    report.accept(1);
                    sleep();
                }
            }
            if (type == WORKLOG) {
                await(commentsStarted);
                failed.set(true);
                throw new IllegalStateException("worklogs broke");
            }
            return 1;
        });

        assertThatThrownBy(() -> workers.match("run", ORDER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("worklogs broke");
        assertThat(failed).isTrue();
        assertThat(events)
                .as("comments left at a report (the call returned), attachments never started")
                .doesNotContain("end COMMENT", "start ATTACHMENT");
    }

    @Test
    void a_stop_requested_while_matching_stops_every_worker_and_is_thrown() {
        var stop = new AtomicBoolean();
        var workers = new MatchWorkers(
                () -> recording((type, report) -> {
                    if (type == ISSUE) {
                        stop.set(true);
                        report.accept(1);
                    }
                    return 1;
                }),
                AFTER::get,
                run -> {},
                2,
                progress::add,
                () -> {
                    if (stop.get()) {
                        throw new RunStopped("run");
                    }
                });

        assertThatThrownBy(() -> workers.match("run", ORDER)).isInstanceOf(RunStopped.class);
        assertThat(events).containsExactly("start PROJECT", "end PROJECT", "start ISSUE", "closed", "closed");
    }

    @Test
    void statistics_are_refreshed_before_a_type_starts_once_a_thousand_decisions_were_made() {
        var refreshedBefore = new ArrayList<String>();
        var workers = new MatchWorkers(
                () -> recording((type, report) -> type == ISSUE ? 5_000 : 10),
                AFTER::get,
                run -> refreshedBefore.add(run + " after " + events.getLast()),
                1,
                progress::add,
                () -> {});

        workers.match("run", ORDER);

        assertThat(refreshedBefore).containsExactly("run after end ISSUE");
    }

    private interface Work {
        long match(EntityType type, LongConsumer report);
    }

    private MatchWorkers workers(int count, Work work) {
        return new MatchWorkers(() -> recording(work), AFTER::get, run -> {}, count, progress::add, () -> {});
    }

    private MatchWorkers.TypeMatcher recording(Work work) {
        return new MatchWorkers.TypeMatcher() {
            @Override
            public long match(String runId, EntityType type, LongConsumer report) {
                events.add("start " + type);
                var decided = work.match(type, report);
                events.add("end " + type);
                return decided;
            }

            @Override
            public void close() {
                events.add("closed");
            }
        };
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
