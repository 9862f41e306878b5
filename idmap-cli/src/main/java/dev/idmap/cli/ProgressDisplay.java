package dev.idmap.cli;

import dev.idmap.core.engine.Progress;
import dev.idmap.core.engine.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar over the engine's parts, with the phase and the entities processed. */
final class ProgressDisplay implements ProgressListener, AutoCloseable {

    private final ProgressBar bar;
    private boolean closed;

    ProgressDisplay() {
        this.bar = new ProgressBarBuilder()
                .setTaskName("mapping")
                .setInitialMax(0)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .build();
    }

    @Override
    public synchronized void onProgress(Progress progress) {
        if (closed) {
            return;
        }
        bar.maxHint(progress.partsTotal());
        bar.stepTo(progress.partsDone());
        bar.setExtraMessage(progress.phase() + " · " + progress.entitiesProcessed() + " entities");
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }
}
