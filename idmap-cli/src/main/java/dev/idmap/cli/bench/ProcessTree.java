package dev.idmap.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A process and everything it starts, sampled from {@code /proc} (Linux): CPU time of the root and, separately, of
 * its descendants, and the peak of the descendants' summed proportional set size ({@code Pss} of
 * {@code smaps_rollup}, so pages shared between them, such as a database server's shared buffers, count once).
 *
 * <p>A process once seen in the tree stays in it even when it is handed to init (a database server started in the
 * background), and so do the processes it starts. CPU time is each process's own plus its reaped children's: a
 * process that ends between samples is counted by its parent's reaped time when the parent is in the tree, by its
 * last sample otherwise. Processes that start and end between two samples of a parent outside the tree are missed.
 */
final class ProcessTree {

    /** Clock ticks per second of {@code /proc/PID/stat} times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private final long root;
    /** Processes taken into the tree though they do not descend from the root (a server it started in the background). */
    private final Set<Long> adopted = new HashSet<>();
    /** Tracked processes by pid and start time (pids are reused). */
    private final Map<String, Sample> tracked = new HashMap<>();

    private long peakDescendantsPssKb;
    private long peakTreePssKb;

    /** One process as last seen. */
    private record Sample(long pid, long parent, String parentKey, long ownTicks, long reapedTicks, boolean alive) {}

    ProcessTree(long root) {
        this.root = root;
    }

    /**
     * Takes a process and its descendants into the tree from the next sample on, whatever its parent: a database
     * server found by its {@code postmaster.pid}, which the tree may not have seen start (pg_ctl hands it to init).
     */
    synchronized void adopt(long pid) {
        adopted.add(pid);
    }

    /** Reads the tree now; call every 100 ms or so while the root runs. */
    synchronized void sample() {
        var stats = readAll();
        var members = new HashSet<String>();
        var children = new HashMap<Long, List<Stat>>();
        stats.values()
                .forEach(s -> children.computeIfAbsent(s.parent, p -> new ArrayList<>())
                        .add(s));
        var pending = new ArrayList<Stat>();
        var rootStat = stats.get(root);
        if (rootStat != null) {
            pending.add(rootStat);
        }
        for (var pid : adopted) {
            var adoptedStat = stats.get(pid);
            if (adoptedStat != null) {
                pending.add(adoptedStat);
            }
        }
        for (var known : tracked.values()) {
            var now = stats.get(known.pid());
            if (known.alive() && now != null && tracked.containsKey(now.key())) {
                pending.add(now);
            }
        }
        while (!pending.isEmpty()) {
            var stat = pending.removeLast();
            if (members.add(stat.key())) {
                pending.addAll(children.getOrDefault(stat.pid, List.of()));
            }
        }
        for (var entry : tracked.entrySet()) {
            if (!members.contains(entry.getKey()) && entry.getValue().alive()) {
                var gone = entry.getValue();
                entry.setValue(new Sample(
                        gone.pid(), gone.parent(), gone.parentKey(), gone.ownTicks(), gone.reapedTicks(), false));
            }
        }
        long pssKb = 0;
        long rootPssKb = 0;
        for (var stat : stats.values()) {
            if (!members.contains(stat.key())) {
                continue;
            }
            var key = stat.key();
            var parent = stats.get(stat.parent);
            tracked.put(
                    key,
                    new Sample(
                            stat.pid,
                            stat.parent,
                            parent == null ? null : parent.key(),
                            stat.ownTicks,
                            stat.reapedTicks,
                            true));
            if (stat.pid != root) {
                pssKb += pssKb(stat.pid);
            } else {
                rootPssKb = pssKb(stat.pid);
            }
        }
        peakDescendantsPssKb = Math.max(peakDescendantsPssKb, pssKb);
        peakTreePssKb = Math.max(peakTreePssKb, pssKb + rootPssKb);
    }

    /** CPU seconds of the root process itself (its own time, without its children's). */
    synchronized double rootCpuSeconds() {
        return tracked.values().stream()
                        .filter(s -> s.pid() == root)
                        .mapToLong(Sample::ownTicks)
                        .sum()
                / TICKS;
    }

    /** CPU seconds of every other process of the tree, ended ones included. */
    synchronized double descendantsCpuSeconds() {
        long ticks = 0;
        for (var s : tracked.values()) {
            var reaper = s.parentKey() == null ? null : tracked.get(s.parentKey());
            boolean countedByParent = !s.alive() && reaper != null;
            if (s.pid() == root) {
                ticks += s.reapedTicks(); // children the root waited for
            } else if (!countedByParent) {
                ticks += s.ownTicks() + s.reapedTicks();
            } // else: in the parent's reaped time
        }
        return ticks / TICKS;
    }

    /** The peak of the descendants' summed proportional set size, in MiB. */
    synchronized long peakDescendantsPssMiB() {
        return peakDescendantsPssKb / 1024;
    }

    private record Stat(long pid, long parent, long start, long ownTicks, long reapedTicks) {
        String key() {
            return pid + "@" + start;
        }
    }

    private static Map<Long, Stat> readAll() {
        var stats = new HashMap<Long, Stat>();
        try (var entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (var dir : entries) {
                var stat = read(dir);
                if (stat != null) {
                    stats.put(stat.pid, stat);
                }
            }
        } catch (IOException notLinux) {
            // no /proc: nothing to sample
        }
        return stats;
    }

    /** One {@code /proc/PID/stat}, or null when the process is gone. */
    private static Stat read(Path dir) {
        try {
            var text = Files.readString(dir.resolve("stat"));
            // fields after the command (which may hold spaces and parentheses): state is field 3
            var fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new Stat(
                    Long.parseLong(dir.getFileName().toString()),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[19]),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static long pssKb(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended, or not readable
        }
        return 0;
    }

    /** CPU seconds of the whole tree: the root and every other process. */
    synchronized double cpuSeconds() {
        return rootCpuSeconds() + descendantsCpuSeconds();
    }

    /** The peak of the whole tree's summed proportional set size, in MiB. */
    synchronized long peakPssMiB() {
        return peakTreePssKb / 1024;
    }
}
