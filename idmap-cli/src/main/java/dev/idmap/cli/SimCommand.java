package dev.idmap.cli;

import dev.idmap.sim.SimMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Starts a simulated Data Center site and its migrated Cloud site; see idmap-sim/README.md for the scenario. */
@Command(
        name = "sim",
        description = "Starts simulated Data Center and Cloud sites on loopback and serves until stopped. Options: "
                + "--product JIRA|CONFLUENCE --seed N --scale small|medium|large|<knobs> [--latency-ms N] "
                + "[--rate-limit N] [--fault-rate F] (run `./idmap sim --help` for the simulator's own help).")
final class SimCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SimMain.main(args.toArray(String[]::new));
        return 0;
    }
}
