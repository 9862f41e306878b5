package dev.idmap.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy =
            new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(4), 10, Duration.ofSeconds(60));

    @Test
    void backoff_doubles_per_failure_with_half_of_it_jittered_and_stops_growing_at_the_cap() {
        // given
        var random = new SplittableRandom(1);
        // when / then
        assertThat(policy.backoff(1, random)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(policy.backoff(2, random)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(policy.backoff(3, random)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(policy.backoff(4, random)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
        assertThat(policy.backoff(40, random)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
    }

    @Test
    void the_same_seed_gives_the_same_waits() {
        assertThat(policy.backoff(3, new SplittableRandom(9))).isEqualTo(policy.backoff(3, new SplittableRandom(9)));
    }

    @Test
    void a_wait_asked_for_by_the_site_is_honoured_but_bounded() {
        // given
        var random = new SplittableRandom(1);
        // when / then
        assertThat(policy.rateLimitWait(Duration.ofSeconds(10), random))
                .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
        assertThat(policy.rateLimitWait(Duration.ofHours(1), random))
                .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(66));
    }
}
