package dev.idmap.cli;

import dev.idmap.core.engine.Progress;
import dev.idmap.core.engine.ProgressListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar over the engine's parts, with the phase and the entities processed. Until the engine knows
 * how many parts there are (while it checks access to both sites and plans the crawl, or cannot reach a site) a status
 * line says so instead of an empty bar ({@code ? % [] 0/0}); it is erased when the bar starts or the display closes,
 * so that a failure before the crawl is still the one line its message is.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {

    static final String STARTING = "mapping: checking access to both sites and planning the crawl…";

    private final PrintStream console;
    private ProgressBar bar;
    private boolean closed;

    private boolean statusShown;

    ProgressDisplay(PrintStream console) {
        this.console = console;
        console.print(STARTING);
        console.flush();
        statusShown = true;
    }

    private void eraseStatus() {
        if (statusShown) {
            statusShown = false;
            console.print("\r" + " ".repeat(STARTING.length()) + "\r");
            console.flush();
        }
    }

    @Override
    public synchronized void onProgress(Progress progress) {
        if (closed || progress.partsTotal() == 0) {
            return;
        }
        if (bar == null) {
            eraseStatus();
            bar = new ProgressBarBuilder()
                    .setTaskName("mapping")
                    .setInitialMax(progress.partsTotal())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(console))
                    .setUpdateIntervalMillis(500)
                    .build();
        }
        bar.maxHint(progress.partsTotal());
        bar.stepTo(progress.partsDone());
        bar.setExtraMessage(progress.phase() + " · " + progress.entitiesProcessed() + " entities");
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            eraseStatus();
            if (bar != null) {
                bar.close();
            }
        }
    }
}
