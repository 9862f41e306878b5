package dev.idmap.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's percentages as its phases follow one another: the overall one only grows, the phase's own starts over. */
class JobProgressPercentTest {

    @Test
    void the_overall_percentage_grows_through_every_phase_while_each_phase_counts_from_zero() {
        // given the progress a job reports, phase after phase, each with its own parts
        var reported = new ArrayList<JobProgress>();
        reported.add(JobProgress.QUEUED);
        reported.add(JobProgress.STARTING);
        for (int done = 0; done <= 10; done++) {
            reported.add(new JobProgress(JobPhase.CRAWL, done, 11, done * 100L));
        }
        reported.add(new JobProgress(JobPhase.USER_LOOKUP, 11, 11, 0));
        for (int done = 0; done <= 5; done++) {
            reported.add(new JobProgress(JobPhase.MATCH, done, 5, done * 10L));
        }
        reported.add(new JobProgress(JobPhase.REPORT, 0, 1, 0));
        reported.add(new JobProgress(JobPhase.REPORT, 1, 1, 800));
        reported.add(new JobProgress(JobPhase.PUBLISH, 0, 1, 0));
        reported.add(new JobProgress(JobPhase.PUBLISH, 1, 1, 800));
        reported.add(reported.getLast().done());

        // when
        List<Integer> overall = reported.stream().map(JobProgress::percent).toList();
        List<Integer> ownPhase =
                reported.stream().map(JobProgress::phasePercent).toList();

        // then
        assertThat(overall).isSortedAccordingTo(Integer::compare).startsWith(0).endsWith(100);
        assertThat(overall.subList(0, overall.size() - 1))
                .as("100 only when done")
                .allMatch(p -> p < 100);
        assertThat(ownPhase)
                .as("the phase's own percentage starts over")
                .containsSubsequence(100, 0, 100, 0, 100, 0, 100);
        assertThat(ownPhase.getLast()).isEqualTo(100);
    }
}
