package dev.idmap.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TriggerRateLimiterTest {

    final MutableClock clock = new MutableClock();
    final TriggerRateLimiter limiter = new TriggerRateLimiter(2, 6, clock); // a token every 10 s

    @Test
    void a_caller_gets_its_burst_then_waits_for_the_refill() {
        assertThat(limiter.acquire("alice")).isEmpty();
        assertThat(limiter.acquire("alice")).isEmpty();

        var wait = limiter.acquire("alice");

        assertThat(wait).isPresent();
        assertThat(wait.get()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.acquire("alice")).isEmpty();
    }

    @Test
    void callers_have_separate_buckets() {
        limiter.acquire("alice");
        limiter.acquire("alice");

        assertThat(limiter.acquire("alice")).isPresent();
        assertThat(limiter.acquire("bob")).isEmpty();
    }
}
