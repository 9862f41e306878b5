package dev.idmap.sim;

import dev.idmap.sim.confluence.ConfluenceSimulator;
import dev.idmap.sim.jira.JiraSimulator;

/**
 * Starts a simulated migration: a Data Center source and the Cloud destination it was migrated to, on loopback
 * ephemeral ports, with the ground truth of the migration. Use from tests:
 *
 * <pre>{@code
 * try (SimulatedMigration sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA))) {
 *     URI dc = sim.sourceBaseUrl();
 *     ...
 * }
 * }</pre>
 */
public final class Simulator {

    private Simulator() {}

    public static SimulatedMigration start(SimConfig config) {
        ProductSimulator product = switch (config.product()) {
            case JIRA -> new JiraSimulator();
            case CONFLUENCE -> new ConfluenceSimulator();
        };
        return product.start(config);
    }
}
