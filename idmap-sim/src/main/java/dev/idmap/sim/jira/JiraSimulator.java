package dev.idmap.sim.jira;

import dev.idmap.sim.GroundTruth;
import dev.idmap.sim.ProductSimulator;
import dev.idmap.sim.SimConfig;
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
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Starts a Jira Data Center site (context path {@code /jira}) and the Jira Cloud site it was migrated to, each on its
 * own loopback port. Both have an administrator (the facade's credentials) and a non-administrator account
 * ({@code auditor} / {@link #NON_ADMIN_PASSWORD} on Data Center, {@code auditor@example.org} /
 * {@link #NON_ADMIN_API_TOKEN} on Cloud) for permission tests.
 */
public final class JiraSimulator implements ProductSimulator {

    public static final String NON_ADMIN_PASSWORD = "auditor-password";
    public static final String NON_ADMIN_TOKEN = "auditor-pat";
    public static final String NON_ADMIN_API_TOKEN = "auditor-api-token";

    @Override
    public SimulatedMigration start(SimConfig config) {
        JiraScenario scenario = JiraScenario.of(config.seed(), config.scale());
        JiraWorld world = JiraWorld.generate(scenario);
        IssueSpace issues = new IssueSpace(world);
        var secrets = new SplittableRandom(config.seed() ^ 0x5EC12E7L);
        var dcAdmin = new SiteCredentials(
                JiraWorld.ADMIN_USERNAME, "dc-" + Ids.hex(secrets, 16), Optional.of(Ids.hex(secrets, 44)));
        String adminEmail =
                world.dc.userByName(JiraWorld.ADMIN_USERNAME).orElseThrow().email();
        var cloudAdmin = new SiteCredentials(adminEmail, "ATATT3x" + Ids.hex(secrets, 32), Optional.empty());
        String auditorEmail =
                world.dc.userByName(JiraWorld.AUDITOR_USERNAME).orElseThrow().email();

        var source = HttpSite.builder("jira-dc")
                .contextPath("/jira")
                .errors(JiraErrors.BODIES)
                .conditions(config.conditions(SimSite.SOURCE))
                .accounts(List.of(
                        SiteAccount.dataCenter(
                                dcAdmin.login(),
                                dcAdmin.secret(),
                                dcAdmin.personalAccessToken().orElseThrow(),
                                true),
                        SiteAccount.dataCenter(
                                JiraWorld.AUDITOR_USERNAME, NON_ADMIN_PASSWORD, NON_ADMIN_TOKEN, false)));
        new DataCenterApi(world, issues).register(source);
        source.without(config.routesSwitchedOff(SimSite.SOURCE));
        var destination = HttpSite.builder("jira-cloud")
                .errors(JiraErrors.BODIES)
                .conditions(config.conditions(SimSite.DESTINATION))
                .rateLimitReason("jira-burst-based")
                .accounts(List.of(
                        SiteAccount.cloud(cloudAdmin.login(), cloudAdmin.secret(), true),
                        SiteAccount.cloud(auditorEmail, NON_ADMIN_API_TOKEN, false)));
        new CloudApi(world, issues).register(destination);
        destination.without(config.routesSwitchedOff(SimSite.DESTINATION));

        GroundTruth truth = sink -> {
            world.configRows.forEach(sink);
            issues.groundTruth(sink);
        };
        Path csv = outputFile(config);
        HttpSite dcSite = source.start();
        HttpSite cloudSite;
        try {
            cloudSite = destination.start();
        } catch (RuntimeException e) {
            dcSite.close();
            throw e;
        }
        return new SimulatedMigration(
                config.product(),
                dcSite,
                cloudSite,
                dcAdmin,
                cloudAdmin,
                truth,
                csv,
                config.outputDirectory().isEmpty());
    }

    private static Path outputFile(SimConfig config) {
        try {
            Path directory = config.outputDirectory().isPresent()
                    ? Files.createDirectories(config.outputDirectory().get())
                    : Files.createTempDirectory("idmap-sim-");
            return directory.resolve("jira-ground-truth-seed" + config.seed() + ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the ground-truth directory", e);
        }
    }
}
