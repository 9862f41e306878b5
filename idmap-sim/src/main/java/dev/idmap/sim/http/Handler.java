package dev.idmap.sim.http;

/** A simulated endpoint. Throws {@link SimHttpException} for documented refusals. */
@FunctionalInterface
public interface Handler {

    SimResponse handle(SimRequest request);
}
