package dev.idmap.core.engine;

/**
 * Asked by the engine, between entities, parts, match types and phases, whether the run should stop (the job was
 * cancelled, the node is shutting down). A run that stops throws {@link RunStopped} at such a point; everything
 * checkpointed so far stays, so a later run with the same run id continues from there.
 *
 * <p>This is how a run is stopped, never {@link Thread#interrupt()}: an interrupt that lands while a thread writes
 * an embedded database's file closes the file channel, and the database is broken for every other caller.
 */
@FunctionalInterface
public interface StopSignal {

    StopSignal NEVER = () -> false;

    boolean stopRequested();
}
