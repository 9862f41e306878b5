package dev.idmap.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.storage.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The benchmarks count the work of the processes a benchmarked process starts (an embedded database server). */
@EnabledOnOs(OS.LINUX)
class ProcessTreeTest {

    @Test
    void cpu_time_of_a_grandchild_that_ended_is_counted_with_the_descendants_not_the_root() throws Exception {
        // given a shell whose grandchild computes (about 0.7 s of CPU here), ends, and is followed by a sleep
        var process = new ProcessBuilder(
                        List.of("sh", "-c", "sh -c 'awk \"BEGIN { for (i = 0; i < 2e7; i++) s += i }\"'; sleep 1"))
                .start();
        var tree = new ProcessTree(process.pid());

        // when sampled every 50 ms until it ends
        long memoryWhileRunning = 0;
        while (process.isAlive()) {
            tree.sample();
            memoryWhileRunning = Math.max(memoryWhileRunning, tree.peakPssMiB());
            Thread.sleep(50);
        }

        // then the computing grandchild's time is the descendants', and the root's is small
        assertThat(tree.descendantsCpuSeconds()).isGreaterThan(0.3);
        assertThat(tree.rootCpuSeconds()).isLessThan(0.3);
        assertThat(tree.cpuSeconds()).isEqualTo(tree.rootCpuSeconds() + tree.descendantsCpuSeconds());
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void a_server_handed_to_init_before_any_sample_counts_once_adopted_by_its_pid_file() throws Exception {
        // given a shell whose child starts a computing process in the background, writes its pid to a file and ends,
        // as pg_ctl does with a postmaster: once that child has ended, the worker descends from init, not the root
        var cluster = java.nio.file.Files.createTempDirectory("cluster");
        var data = java.nio.file.Files.createDirectories(cluster.resolve("data"));
        var pidFile = data.resolve("postmaster.pid");
        var root = new ProcessBuilder(List.of(
                        "sh",
                        "-c",
                        "sh -c \"awk 'BEGIN { for (i = 0; i < 3e7; i++) s += i }' & printf '%s\\\\n%s\\\\n' \\$! "
                                + data + " > " + pidFile + "\"; sleep 2"))
                .start();
        var tree = new ProcessTree(root.pid());
        while (EmbeddedPostgres.serverPid(cluster).isEmpty()) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // the starting shell has ended

        // when the pid file is adopted on every sample
        while (root.isAlive()) {
            EmbeddedPostgres.serverPid(cluster).ifPresent(tree::adopt);
            tree.sample();
            Thread.sleep(50);
        }

        // then the worker's CPU time is the tree's
        assertThat(tree.descendantsCpuSeconds()).isGreaterThan(0.3);
        org.apache.commons.io.FileUtils.deleteDirectory(cluster.toFile());
    }
}
