package dev.idmap.sim.confluence;

import dev.idmap.sim.ProductSimulator;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimFeature;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.SiteCredentials;
import dev.idmap.sim.http.HttpSite;
import dev.idmap.sim.http.SiteAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a Confluence Data Center site and the Cloud site it was migrated to, both on loopback, over one generated
 * {@link ConfluenceScenario}. Each site has an administrator (whose credentials the migration hands out) and a plain
 * user without administrator rights, for 403 checks. Secrets are derived from the seed: stable, yet not guessable from
 * the outside of a test.
 */
public final class ConfluenceSimulator implements ProductSimulator {

    @Override
    public SimulatedMigration start(SimConfig config) {
        ConfluenceScenario scenario = ConfluenceScenario.generate(config.seed(), ConfluenceSize.of(config.scale()));
        Accounts accounts = Accounts.of(config.seed());
        HttpSite source = dataCenterSite(scenario, config, accounts).start();
        HttpSite destination;
        try {
            destination = cloudSite(scenario, config, accounts).start();
        } catch (RuntimeException failed) {
            source.close();
            throw failed;
        }
        Path directory = config.outputDirectory().orElseGet(ConfluenceSimulator::temporaryDirectory);
        return new SimulatedMigration(
                SimProduct.CONFLUENCE,
                source,
                destination,
                credentials(accounts.dataCenterAdmin()),
                credentials(accounts.cloudAdmin()),
                scenario.groundTruth(),
                directory.resolve("ground-truth-confluence-" + config.seed() + ".csv"));
    }

    /** The accounts of both sites: an administrator and a plain user each. */
    record Accounts(
            SiteAccount dataCenterAdmin, SiteAccount dataCenterUser, SiteAccount cloudAdmin, SiteAccount cloudUser) {

        static Accounts of(long seed) {
            String secret = Seeded.hex(Seeded.mix(seed, 99, 1), 16);
            String token = Seeded.hex(Seeded.mix(seed, 99, 2), 16) + Seeded.hex(Seeded.mix(seed, 99, 3), 16);
            return new Accounts(
                    SiteAccount.dataCenter("admin", "dc-" + secret, "NjQ" + token, true),
                    SiteAccount.dataCenter("viewer", "viewer-" + secret, "MzE" + token, false),
                    SiteAccount.cloud("admin@example.com", "ATATT3x" + token, true),
                    SiteAccount.cloud("viewer@example.com", "ATATT3v" + token, false));
        }
    }

    static HttpSite.Builder dataCenterSite(ConfluenceScenario scenario, SimConfig config, Accounts accounts) {
        var site = HttpSite.builder("confluence-dc")
                .accounts(List.of(accounts.dataCenterAdmin(), accounts.dataCenterUser()))
                .conditions(config.conditions(SimSite.SOURCE));
        new ConfluenceDataCenterApi(scenario, config.offers(SimFeature.CONFLUENCE_DC_SPACE_CREATOR)).register(site);
        return site.without(config.routesSwitchedOff(SimSite.SOURCE));
    }

    static HttpSite.Builder cloudSite(ConfluenceScenario scenario, SimConfig config, Accounts accounts) {
        var site = HttpSite.builder("confluence-cloud")
                .accounts(List.of(accounts.cloudAdmin(), accounts.cloudUser()))
                .conditions(config.conditions(SimSite.DESTINATION));
        new ConfluenceCloudApi(scenario).register(site);
        return site.without(config.routesSwitchedOff(SimSite.DESTINATION));
    }

    private static SiteCredentials credentials(SiteAccount account) {
        return new SiteCredentials(account.login(), account.secret(), account.token());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("idmap-sim-confluence");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the ground truth", e);
        }
    }
}
