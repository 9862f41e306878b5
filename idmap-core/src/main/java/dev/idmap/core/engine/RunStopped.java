package dev.idmap.core.engine;

/** Thrown by a run that stopped because its {@link StopSignal} asked it to; its checkpoints are kept. */
public final class RunStopped extends RuntimeException {

    public RunStopped(String runId) {
        super("run " + runId + " stopped on request");
    }
}
