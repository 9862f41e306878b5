package dev.idmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.engine.Phase;
import dev.idmap.core.engine.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code idmap map} draws on the console while it runs, with the real progress bar. */
class ProgressDisplayTest {

    final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    final PrintStream console = new PrintStream(drawn, true, StandardCharsets.UTF_8);

    @Test
    void before_the_parts_are_known_it_says_what_it_is_doing_instead_of_an_empty_bar() {
        // given a run that never gets past the access checks (a site that cannot be reached)
        try (var display = new ProgressDisplay(console)) {
            display.onProgress(new Progress(Phase.CRAWL, 0, 0, 0));
        }
        // then the status was shown, and erased when the display closed (the failure's message is the line left)
        var text = drawn.toString(StandardCharsets.UTF_8);
        var erased = "\r" + " ".repeat(ProgressDisplay.STARTING.length()) + "\r";
        assertThat(text).isEqualTo(ProgressDisplay.STARTING + erased);
        assertThat(text).doesNotContain("?").doesNotContain("0/0").doesNotContain("[");
    }

    @Test
    void once_the_parts_are_known_the_bar_shows_them_with_the_phase() {
        // when
        try (var display = new ProgressDisplay(console)) {
            display.onProgress(new Progress(Phase.CRAWL, 3, 10, 1200));
        }
        // then
        var text = drawn.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith(ProgressDisplay.STARTING + "\r")
                .contains("30%", "3/10", "CRAWL · 1200 entities")
                .doesNotContain("?");
    }
}
