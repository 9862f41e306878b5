package dev.idmap.sim;

/**
 * Starts the two sites of one product and generates the migration between them. One implementation per product
 * ({@code dev.idmap.sim.jira.JiraSimulator}, {@code dev.idmap.sim.confluence.ConfluenceSimulator}); {@link Simulator}
 * picks it from {@link SimConfig#product()}.
 */
public interface ProductSimulator {

    SimulatedMigration start(SimConfig config);
}
